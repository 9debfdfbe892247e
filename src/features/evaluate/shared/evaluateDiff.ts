/**
 * Two saved Evaluate runs side by side, entry by entry (matched on the entry key
 * model:weights@runtime/backend). Each Δ is B − A. A top-1 change counts as more than noise only
 * when each run's top-1 lies outside the other's Wilson 95 % interval: a small folder's accuracy
 * moves by several points between two honest runs, and those intervals are already in the report.
 * This is a reading aid, not a paired test (the runs may not even share images).
 */
import type { EntryDocument } from './evaluateJson';

/** What the diff reads of an entry. */
export type DiffedEntry = Pick<EntryDocument, 'entry' | 'n' | 'top1' | 'top5' | 'ece' | 'top1Interval'> & {
  latency: Pick<EntryDocument['latency'], 'perImageMs'>;
};

/** 'outside-both': B's top-1 is outside A's interval and A's outside B's; null when either top-1 is unknown. */
export type Top1Verdict = 'outside-both' | 'within-noise';

export interface EntryDiff {
  entry: string;
  a: DiffedEntry | null;
  b: DiffedEntry | null;
  dTop1: number | null;
  dTop5: number | null;
  dEce: number | null;
  /** Per-image latency, ms: above 0 means B was slower. */
  dLatencyMs: number | null;
  verdict: Top1Verdict | null;
}

const delta = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : b - a;

const outside = (value: number, { low, high }: { low: number; high: number }): boolean => value < low || value > high;

export function top1Verdict(a: DiffedEntry, b: DiffedEntry): Top1Verdict | null {
  if (a.top1 === null || b.top1 === null) return null;
  return outside(b.top1, a.top1Interval) && outside(a.top1, b.top1Interval) ? 'outside-both' : 'within-noise';
}

/** One row per entry key, in A's order, then the entries only B has. */
export function diffRuns(a: readonly DiffedEntry[], b: readonly DiffedEntry[]): EntryDiff[] {
  const byKey = (entries: readonly DiffedEntry[]) => new Map(entries.map((e) => [e.entry, e]));
  const inA = byKey(a);
  const inB = byKey(b);
  const keys = [...new Set([...a, ...b].map((e) => e.entry))];
  return keys.map((entry) => {
    const left = inA.get(entry) ?? null;
    const right = inB.get(entry) ?? null;
    return {
      entry,
      a: left,
      b: right,
      dTop1: delta(left?.top1, right?.top1),
      dTop5: delta(left?.top5, right?.top5),
      dEce: delta(left?.ece, right?.ece),
      dLatencyMs: delta(left?.latency.perImageMs, right?.latency.perImageMs),
      verdict: left && right ? top1Verdict(left, right) : null,
    };
  });
}
