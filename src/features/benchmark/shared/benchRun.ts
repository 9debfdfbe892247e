/**
 * One benchmark run as the page keeps it (store, IndexedDB history, exports): the plan, the
 * environment it ran in, and one result per model × backend. `benchRows` flattens it into the
 * rows every table, chart and file uses, so they always agree.
 */
import { throughputOf } from '@/shared/stats';
import { variantLabel } from './benchVariants';
import type { AdapterInfo, BackendName } from '@/engine/shared/types';
import type { BatchResult, BenchVariant, BenchmarkSummary } from './messages';

export interface BenchConfig {
  kind: 'sweep' | 'methods';
  models: string[];
  backends: BackendName[];
  batches: number[];
  warmup: number;
  runs: number;
  durationMs: number | null;
  input: 'images' | 'random';
  variants: BenchVariant[];
  coldStart: boolean;
}

/** What the numbers were measured on: enough to reproduce or to refuse a comparison. */
export interface BenchEnvironment {
  userAgent: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | null;
  tfjsVersion: string | null;
  /** Per backend that ran: what TF.js said about it when it started. */
  backends: {
    requested: BackendName;
    used: BackendName | null;
    reason: string;
    adapter: AdapterInfo | null;
    webglRenderer: string | null;
    flags: Record<string, unknown>;
    /** Threads wasm ran with (1 single-threaded); absent where wasm was not the backend, or in older runs. */
    wasmThreads?: number;
  }[];
}

export interface ComboResult {
  model: string;
  modelName: string;
  backend: BackendName;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  error: string | null;
  /** Streamed as each batch size finishes, so a cancelled run keeps what it measured. */
  batches: BatchResult[];
  summary: BenchmarkSummary | null;
}

export interface LongTaskStats {
  /** Main-thread tasks over 50 ms while the benchmark ran (PerformanceObserver 'longtask'). */
  count: number;
  longestMs: number;
  /** False where the browser has no long-task timing: then the counts mean nothing. */
  supported: boolean;
}

export interface BenchRun {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  config: BenchConfig;
  environment: BenchEnvironment;
  combos: ComboResult[];
  longTasks: LongTaskStats;
}

export interface BenchRow {
  model: string;
  /** The runtime that ran the model (tfjs, ort, litert), on `backend` with `threads` wasm threads. */
  runtime: string;
  /** The backend that actually ran (the requested one when it never started). */
  backend: string;
  /** Wasm threads of the run (0 off wasm); null when the model never loaded. */
  threads: number | null;
  batch: number;
  variant: string;
  status: 'ok' | 'failed' | 'skipped';
  note: string;
  count: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  perImage: number | null;
  throughput: number | null;
  firstMs: number | null;
  tensorsBefore: number;
  tensorsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  leaked: boolean;
}

export function benchRows(run: Pick<BenchRun, 'combos'>): BenchRow[] {
  return run.combos.flatMap((combo) =>
    combo.batches.flatMap((batch) =>
      batch.variants.map((v): BenchRow => {
        const { stats } = v;
        const t = stats ? throughputOf(stats, batch.batch) : null;
        const info = combo.summary?.model;
        return {
          model: combo.model,
          runtime: info?.runtime ?? 'tfjs',
          backend: info?.runtimeBackend ?? combo.summary?.backend ?? combo.backend,
          threads: info ? (info.threads ?? null) : null,
          batch: batch.batch,
          variant: variantLabel(v.variant),
          status: stats ? 'ok' : v.skipped?.startsWith('failed') ? 'failed' : 'skipped',
          note: v.skipped ?? '',
          count: stats?.count ?? 0,
          mean: stats?.mean ?? null,
          std: stats?.std ?? null,
          min: stats?.min ?? null,
          max: stats?.max ?? null,
          p50: stats?.p50 ?? null,
          p95: stats?.p95 ?? null,
          p99: stats?.p99 ?? null,
          perImage: t?.perImage ?? null,
          throughput: t?.throughput ?? null,
          firstMs: v.firstMs,
          tensorsBefore: batch.memory.before.numTensors,
          tensorsAfter: batch.memory.after.numTensors,
          bytesBefore: batch.memory.before.numBytes,
          bytesAfter: batch.memory.after.numBytes,
          leaked: batch.memory.leaked,
        };
      }),
    ),
  );
}

/** Cold start per model × backend: load (download or cache read), warm-up, first run per batch size. */
export interface ColdStartRow {
  model: string;
  backend: string;
  loadMs: number;
  fromCache: boolean;
  warmupMs: number;
  firstRuns: { batch: number; firstMs: number | null; p50: number | null }[];
}

export function coldStartRows(run: Pick<BenchRun, 'combos'>): ColdStartRow[] {
  return run.combos.flatMap((combo) => {
    const summary = combo.summary;
    if (!summary) return [];
    return [
      {
        model: combo.model,
        backend: summary.backend,
        loadMs: summary.model.loadMs,
        fromCache: summary.model.fromCache,
        warmupMs: summary.model.warmupMs,
        firstRuns: summary.batches.map((b) => ({ batch: b.batch, firstMs: b.variants[0]?.firstMs ?? null, p50: b.variants[0]?.stats?.p50 ?? null })),
      },
    ];
  });
}

/** The biggest batch that worked for a combo where a larger one failed: the device's limit. */
export function memoryLimits(run: Pick<BenchRun, 'combos'>): { model: string; backend: string; largestOk: number | null; failedAt: number[] }[] {
  return run.combos.flatMap((combo) => {
    const failed = combo.batches.filter((b) => b.status === 'failed').map((b) => b.batch);
    if (failed.length === 0) return [];
    const ok = combo.batches.filter((b) => b.status === 'ok').map((b) => b.batch);
    return [{ model: combo.model, backend: combo.summary?.backend ?? combo.backend, largestOk: ok.length ? Math.max(...ok) : null, failedAt: failed }];
  });
}

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;
}
