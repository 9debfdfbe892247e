/** What `npm run bench` prints and writes: a fixed-width table and the JSON document. */
import type { BenchRow, BenchEnvironment, ColdStartRow } from '../../src/features/benchmark/shared/benchRun';
import type { Ratios } from '../../src/features/benchmark/shared/benchCompare';
import type { LatencyStats } from '../../src/shared/stats';

/** The row shape the issue asks for; times in ms, throughput in images/s. */
export type ReportRow = { model: string; runtime: string; backend: string; threads: number | null; batch: number } & Omit<LatencyStats, 'count'> & {
    perImage: number;
    throughput: number;
  };

export function reportRows(rows: readonly BenchRow[], variant: string): ReportRow[] {
  return rows.flatMap((r) =>
    r.variant === variant && r.status === 'ok' && r.mean !== null
      ? [
          {
            model: r.model,
            runtime: r.runtime,
            backend: r.backend,
            threads: r.threads,
            batch: r.batch,
            mean: r.mean,
            std: r.std ?? 0,
            min: r.min ?? 0,
            max: r.max ?? 0,
            p50: r.p50 ?? 0,
            p95: r.p95 ?? 0,
            p99: r.p99 ?? 0,
            perImage: r.perImage ?? 0,
            throughput: r.throughput ?? 0,
          },
        ]
      : [],
  );
}

const HEAD = ['model', 'runtime', 'backend', 'threads', 'batch', 'mean', 'std', 'min', 'max', 'p50', 'p95', 'p99', 'ms/img', 'img/s'];

export function formatTable(rows: readonly ReportRow[]): string {
  const cells = rows.map((r) => [
    r.model,
    r.runtime,
    r.backend,
    r.threads === null ? '?' : String(r.threads),
    String(r.batch),
    ...[r.mean, r.std, r.min, r.max, r.p50, r.p95, r.p99, r.perImage].map((v) => v.toFixed(2)),
    r.throughput.toFixed(1),
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string => c.map((v, i) => (i < 3 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatFailures(rows: readonly BenchRow[]): string[] {
  return rows.filter((r) => r.status !== 'ok').map((r) => `${r.model} ${r.backend} batch ${r.batch} ${r.variant}: ${r.status} (${r.note})`);
}

export function formatRatios(ratios: Ratios): string[] {
  const f = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
  const lines = [
    `app/bare  = ${f(ratios.appOverBare)} (median basis; mean basis ${f(ratios.appOverBareMean)}; target ≤ 1.05)`,
    ...ratios.bare.map((d) => `  ${d.model} ${d.backend} batch ${d.batch}: ${d.p50Ratio.toFixed(3)} (means ${d.meanRatio.toFixed(3)})`),
    `app/peer  = ${f(ratios.appOverPeer)} (median basis; mean basis ${f(ratios.appOverPeerMean)}; target ≤ 1.0)`,
    ...ratios.peer.map((d) => `  ${d.model} ${d.backend} batch ${d.batch}: ${d.p50Ratio.toFixed(3)} (means ${d.meanRatio.toFixed(3)})`),
  ];
  return lines;
}

export function formatColdStart(rows: readonly ColdStartRow[]): string[] {
  return rows.map(
    (c) =>
      `cold start ${c.model} ${c.backend}: load ${c.loadMs.toFixed(0)} ms (${c.fromCache ? 'cache hit' : 'download'}), warm-up ${c.warmupMs.toFixed(0)} ms, first run ` +
      c.firstRuns.map((f) => `b${f.batch} ${f.firstMs === null ? 'n/a' : f.firstMs.toFixed(1)} ms`).join(', '),
  );
}

export function formatEnvironment(env: BenchEnvironment): string {
  const backends = env.backends.map(
    (b) =>
      `${b.requested}→${b.used ?? 'failed'}${b.adapter && b.used === 'webgpu' ? ` (${b.adapter.vendor} ${b.adapter.architecture})` : ''}${b.webglRenderer && b.used === 'webgl' ? ` (${b.webglRenderer})` : ''}${b.wasmThreads ? ` (${b.wasmThreads} thread${b.wasmThreads === 1 ? '' : 's'})` : ''}`,
  );
  return `tfjs ${env.tfjsVersion ?? '?'} · ${backends.join(', ')} · crossOriginIsolated ${env.crossOriginIsolated} · ${env.hardwareConcurrency ?? '?'} cores · ${env.userAgent}`;
}
