/** Benchmark rows → the flat records recharts draws. Pure, so what a chart shows is testable. */
import type { BenchRow } from './benchRun';

/**
 * "MobileNetV2 · wasm": one line per model × runtime × backend, so backends, runtimes or models sit
 * side by side; the runtime is named when it is not TF.js ("MobileNetV2 (ONNX) · ort/wasm").
 */
export const seriesName = (row: Pick<BenchRow, 'model' | 'backend'> & Partial<Pick<BenchRow, 'runtime'>>): string =>
  `${row.model} · ${row.runtime && row.runtime !== 'tfjs' ? `${row.runtime}/` : ''}${row.backend}`;

export type Metric = 'throughput' | 'perImage' | 'p50' | 'mean';

export interface SeriesChart {
  series: string[];
  /** One point per batch size: { batch, [series]: value }. */
  points: Record<string, number>[];
}

/** One metric against batch size, one series per model × backend (only rows that ran). */
export function metricByBatch(rows: readonly BenchRow[], metric: Metric, variant = 'app'): SeriesChart {
  const ok = rows.filter((r) => r.variant === variant && r.status === 'ok');
  const series = [...new Set(ok.map(seriesName))];
  const batches = [...new Set(ok.map((r) => r.batch))].sort((a, b) => a - b);
  const points = batches.map((batch) => {
    const point: Record<string, number> = { batch };
    for (const r of ok) {
      const value = r[metric];
      if (r.batch === batch && value !== null) point[seriesName(r)] = value;
    }
    return point;
  });
  return { series, points };
}

/** Latency percentiles against batch size for one series. */
export function percentilesByBatch(
  rows: readonly BenchRow[],
  series: string,
  variant = 'app',
): { batch: number; p50: number; p95: number; p99: number; min: number }[] {
  return rows
    .filter((r) => r.variant === variant && r.status === 'ok' && seriesName(r) === series)
    .sort((a, b) => a.batch - b.batch)
    .map((r) => ({ batch: r.batch, p50: r.p50 ?? 0, p95: r.p95 ?? 0, p99: r.p99 ?? 0, min: r.min ?? 0 }));
}

/** Method comparison: one group per variant, one bar per backend (median ms). */
export function methodBars(rows: readonly BenchRow[]): { backends: string[]; bars: Record<string, string | number>[] } {
  const ok = rows.filter((r) => r.status === 'ok' && r.p50 !== null);
  const backends = [...new Set(ok.map((r) => r.backend))];
  const variants = [...new Set(rows.map((r) => r.variant))];
  const bars = variants.map((variant) => {
    const bar: Record<string, string | number> = { variant };
    for (const r of ok) if (r.variant === variant) bar[r.backend] = r.p50 as number;
    return bar;
  });
  return { backends, bars };
}
