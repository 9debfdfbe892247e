/**
 * Benchmark files: JSON with every figure (raw samples included) and the environment, and CSV
 * with one row per model × backend × batch × variant. Pure: the page turns them into downloads,
 * the headless script writes them to disk.
 */
import { benchRows, coldStartRows, memoryLimits, type BenchEnvironment, type BenchRow, type BenchRun } from './benchRun';
import { benchRatios } from './benchCompare';

export const BENCH_SCHEMA = 'lumen-benchmark/1';

/** Columns keep their places once named (tools read them by position): new ones go at the end. */
export const CSV_COLUMNS = [
  'model',
  'backend',
  'batch',
  'variant',
  'status',
  'count',
  'mean',
  'std',
  'min',
  'max',
  'p50',
  'p95',
  'p99',
  'perImage',
  'throughput',
  'firstMs',
  'tensorsBefore',
  'tensorsAfter',
  'bytesBefore',
  'bytesAfter',
  'leaked',
  'note',
  'runtime',
  'threads',
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

/** Environment columns repeated on every CSV row, so a CSV alone still says what ran where. */
export const CSV_ENVIRONMENT_COLUMNS = ['device', 'tfjsVersion', 'crossOriginIsolated', 'userAgent'] as const;

/** The GPU adapter (WebGPU) or renderer (WebGL) behind a backend; empty for CPU backends. */
function deviceOf(environment: BenchEnvironment, backend: string): string {
  const info = environment.backends.find((b) => b.used === backend);
  if (!info) return '';
  if (backend === 'webgpu' && info.adapter)
    return [info.adapter.vendor, info.adapter.architecture, info.adapter.description, info.adapter.isFallbackAdapter ? '(fallback)' : '']
      .filter(Boolean)
      .join(' ');
  if (backend === 'webgl') return info.webglRenderer ?? '';
  return '';
}

/** RFC 4180 quoting: only when needed, with doubled quotes. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function benchCsv(run: Pick<BenchRun, 'combos' | 'environment'>): string {
  const env = run.environment;
  const lines = [[...CSV_COLUMNS, ...CSV_ENVIRONMENT_COLUMNS].join(',')];
  for (const row of benchRows(run)) {
    const environment = [deviceOf(env, row.backend), env.tfjsVersion, env.crossOriginIsolated, env.userAgent];
    lines.push([...CSV_COLUMNS.map((c) => row[c]), ...environment].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function benchFileName(run: Pick<BenchRun, 'id'>, extension: 'json' | 'csv'): string {
  return `lumen-benchmark-${run.id}.${extension}`;
}
