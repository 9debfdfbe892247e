/**
 * Latency statistics for the benchmark. Pure functions on arrays of milliseconds, shared by the
 * worker (which sends a summary with every batch), the page and the headless script.
 *
 * Percentiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the default of
 * NumPy, R and Excel's PERCENTILE.INC): for sorted samples x[0..n-1], the p-th percentile sits at
 * rank h = (n - 1) · p / 100 and is x[⌊h⌋] + (h - ⌊h⌋) · (x[⌊h⌋ + 1] - x[⌊h⌋]). So p0 = min,
 * p100 = max, and p50 is the usual median. With 50 samples p99 lies between the two slowest runs:
 * read it as "how bad the tail gets", not as a 1-in-100 event.
 */
/** Distribution of one set of latencies, ms. Percentiles interpolate linearly (see the file comment). */
export interface LatencyStats {
  count: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1); 0 for a single sample. */
  std: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Percentile `p` (0..100) of samples already sorted ascending; see the file comment. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100 (got ${p})`);
  const rank = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(rank);
  const below = sorted[lower] ?? 0;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] ?? below;
  return below + (rank - lower) * (above - below);
}

export function summarize(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) throw new Error('cannot summarise zero samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const count = sorted.length;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / count;
  const squares = sorted.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  return {
    count,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min: sorted[0] ?? 0,
    max: sorted[count - 1] ?? 0,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}

/** What one batch size gives: mean time per image and images per second. */
export interface Throughput {
  /** Mean batch latency divided by the batch size: the amortised cost of one image, ms. */
  perImage: number;
  /** Images per second at the mean batch latency. */
  throughput: number;
}

export function throughputOf(stats: Pick<LatencyStats, 'mean'>, batch: number): Throughput {
  return { perImage: stats.mean / batch, throughput: stats.mean > 0 ? (batch * 1000) / stats.mean : 0 };
}

export interface BatchFigure {
  batch: number;
  stats: LatencyStats;
}

export interface BestBatches {
  /** The batch size that pushes the most images per second (highest throughput). */
  bestThroughput: { batch: number; throughput: number; perImage: number } | null;
  /**
   * The batch size whose answer comes back soonest (lowest median batch latency): what a person
   * waiting for one image feels. Usually batch 1; amortised per-image cost is the other record.
   */
  bestLatency: { batch: number; p50: number } | null;
}

export function bestBatches(figures: readonly BatchFigure[]): BestBatches {
  let bestThroughput: BestBatches['bestThroughput'] = null;
  let bestLatency: BestBatches['bestLatency'] = null;
  for (const { batch, stats } of figures) {
    const t = throughputOf(stats, batch);
    if (!bestThroughput || t.throughput > bestThroughput.throughput) bestThroughput = { batch, ...t };
    if (!bestLatency || stats.p50 < bestLatency.p50) bestLatency = { batch, p50: stats.p50 };
  }
  return { bestThroughput, bestLatency };
}

/** Geometric mean of positive ratios: the fair average of "x times faster" figures. */
export function geometricMean(values: readonly number[]): number | null {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return null;
  return Math.exp(positive.reduce((sum, v) => sum + Math.log(v), 0) / positive.length);
}

/** Parses "1,2, 4" into sorted unique positive integers; throws a message a person can act on. */
export function parseBatchList(text: string, max = 1024): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) throw new Error('give at least one batch size, e.g. 1,2,4,8');
  const values = parts.map((part) => {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`"${part}" is not a batch size (a whole number from 1 to ${max})`);
    return n;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The median (p50 above); NaN for no samples, where a comparison row simply has no figure. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    50,
  );
}
