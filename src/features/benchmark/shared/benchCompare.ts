/**
 * Comparisons between rows: the app against the bare model and against the peer (ratios the
 * headless script reports), and one saved run against another, matched row by row.
 */
import { geometricMean } from '@/shared/stats';
import type { BenchRow } from './benchRun';

export interface RatioDetail {
  model: string;
  backend: string;
  batch: number;
  /** Ratio of medians: robust to the odd run slowed by another process on a shared machine. */
  p50Ratio: number;
  meanRatio: number;
}

export interface Ratios {
  /** app / bare, geometric mean over every model × backend × batch measured (median basis). */
  appOverBare: number | null;
  appOverBareMean: number | null;
  /** The app's whole classify path / the peer's classify(), same image, backend and model, batch 1. */
  appOverPeer: number | null;
  appOverPeerMean: number | null;
  bare: RatioDetail[];
  peer: RatioDetail[];
}

const keyOf = (r: Pick<BenchRow, 'model' | 'backend' | 'batch'>): string => `${r.model}|${r.backend}|${r.batch}`;

function pairUp(rows: readonly BenchRow[], app: string, reference: string): RatioDetail[] {
  const refs = new Map(rows.filter((r) => r.variant === reference && r.status === 'ok').map((r) => [keyOf(r), r]));
  return rows.flatMap((r) => {
    const ref = refs.get(keyOf(r));
    if (r.variant !== app || r.status !== 'ok' || !ref || !r.p50 || !ref.p50 || !r.mean || !ref.mean) return [];
    return [{ model: r.model, backend: r.backend, batch: r.batch, p50Ratio: r.p50 / ref.p50, meanRatio: r.mean / ref.mean }];
  });
}

export function benchRatios(rows: readonly BenchRow[]): Ratios {
  const bare = pairUp(rows, 'app', 'bare');
  const peer = pairUp(rows, 'pipeline:tf-ops', 'peer');
  return {
    appOverBare: geometricMean(bare.map((d) => d.p50Ratio)),
    appOverBareMean: geometricMean(bare.map((d) => d.meanRatio)),
    appOverPeer: geometricMean(peer.map((d) => d.p50Ratio)),
    appOverPeerMean: geometricMean(peer.map((d) => d.meanRatio)),
    bare,
    peer,
  };
}

export interface CompareRow {
  model: string;
  backend: string;
  batch: number;
  variant: string;
  a: BenchRow | null;
  b: BenchRow | null;
  /** b.p50 / a.p50: below 1 means run B was faster. */
  ratio: number | null;
}

/** Rows of two runs side by side, matched on model × backend × batch × variant, in A's order then B's extras. */
export function compareRuns(a: readonly BenchRow[], b: readonly BenchRow[]): CompareRow[] {
  const rowKey = (r: BenchRow): string => `${keyOf(r)}|${r.variant}`;
  const inB = new Map(b.map((r) => [rowKey(r), r]));
  const seen = new Set<string>();
  const out: CompareRow[] = [];
  for (const row of [...a, ...b]) {
    const key = rowKey(row);
    if (seen.has(key)) continue;
    seen.add(key);
    const left = a.find((r) => rowKey(r) === key) ?? null;
    const right = inB.get(key) ?? null;
    const ratio = left?.p50 && right?.p50 ? right.p50 / left.p50 : null;
    out.push({ model: row.model, backend: row.backend, batch: row.batch, variant: row.variant, a: left, b: right, ratio });
  }
  return out;
}
