/**
 * Benchmark files: JSON with every figure (raw samples included) and the environment, and CSV
 * with one row per model × backend × batch × variant. Pure: the page turns them into downloads,
 * the headless script writes them to disk.
 */
import { benchRows, coldStartRows, memoryLimits, type BenchRow, type BenchRun } from './benchRun';
import { benchRatios } from './benchCompare';

export const BENCH_SCHEMA = 'lumen-benchmark/1';

export const CSV_COLUMNS = [
  'model', 'backend', 'batch', 'variant', 'status', 'count', 'mean', 'std', 'min', 'max', 'p50', 'p95', 'p99',
  'perImage', 'throughput', 'firstMs', 'tensorsBefore', 'tensorsAfter', 'bytesBefore', 'bytesAfter', 'leaked', 'note',
] as const satisfies readonly (keyof BenchRow)[];

export function benchJson(run: BenchRun): string {
  const rows = benchRows(run);
  const document = {
    schema: BENCH_SCHEMA,
    units: { time: 'ms', throughput: 'images/s', memory: 'bytes' },
    percentiles: 'linear interpolation between closest ranks (type 7, as NumPy); std is the sample std (n - 1)',
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    status: run.status,
    config: run.config,
    environment: run.environment,
    longTasks: run.longTasks,
    rows,
    ratios: benchRatios(rows),
    coldStart: coldStartRows(run),
    memoryLimits: memoryLimits(run),
    // Every timed sample, for anyone who wants a different statistic.
    combos: run.combos,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** RFC 4180 quoting: only when needed, with doubled quotes. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function benchCsv(run: Pick<BenchRun, 'combos'>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of benchRows(run)) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function benchFileName(run: Pick<BenchRun, 'id'>, extension: 'json' | 'csv'): string {
  return `lumen-benchmark-${run.id}.${extension}`;
}
