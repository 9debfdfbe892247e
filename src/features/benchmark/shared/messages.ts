/**
 * Benchmark's part of the worker protocol: timed runs of one model over a sweep of batch sizes,
 * streamed as `sample` (every run) and `batch-done` (every batch size), then `benchmarked`.
 * Plain data only (structured clone).
 */
import type { SerializedError } from '@/shared/errors';
import type { LatencyStats } from '@/shared/stats';
import type { BackendName, ForwardMethod, ImageInput, MemorySnapshot, ModelInfo, ModelSpec } from '@/engine/shared/types';

/**
 * What one timed benchmark run does. The variants of one request are interleaved run by run, so
 * they share the machine's conditions (other load, heat, clocks) and compare fairly.
 */
export type BenchVariant =
  /** The app's hot loop: its forward pass (softmax for logits models) on an input built once per batch size, then read-back. */
  | { kind: 'model'; method: ForwardMethod }
  /** The app's whole classify path per run: pixels → preprocessing (TF ops on the backend, or JS then upload) → forward → read-back → top-5. */
  | { kind: 'pipeline'; preprocess: 'backend' | 'js' }
  /** The raw model and no app code: execute() (predict() for layers models) on the same pre-built input, then read-back. */
  | { kind: 'bare' }
  /** The peer: @tensorflow-models/mobilenet classify() (top-5) on the same first image; batch 1 only. */
  | { kind: 'peer'; modelUrl: string };

/** Benchmark input: the user's images repeated to fill each batch, or random pixels. */
export type BenchInput = { kind: 'random' } | { kind: 'images'; images: ImageInput[] };

export interface BenchmarkOptions {
  batches: number[];
  /** Untimed runs per variant before timing, at every batch size. */
  warmup: number;
  /** Timed rounds per batch size (one run of every variant per round). */
  runs: number;
  /** When set, rounds go on until this much time has passed per batch size instead (runs is ignored). */
  durationMs: number | null;
  variants: BenchVariant[];
  input: BenchInput;
  /** Reload the model first, so this request measures the cold start (download or cache read, warm-up). */
  coldStart: boolean;
}

export interface VariantResult {
  variant: BenchVariant;
  /** Timed runs, ms, in order. */
  samples: number[];
  /** null when the variant did not run at this batch size (`skipped` says why). */
  stats: LatencyStats | null;
  /** The first warm-up run at this batch size: kernel compilation for new shapes shows here. */
  firstMs: number | null;
  skipped: string | null;
}

export interface BatchMemory {
  /** tf.memory() before the batch's input was built and after everything of it was disposed. */
  before: MemorySnapshot;
  after: MemorySnapshot;
  /** The largest growth of the tensor count across one run; anything above 0 is a leak. */
  maxRunTensorGrowth: number;
  leaked: boolean;
}

export interface BatchResult {
  batch: number;
  /** 'failed': this batch size could not run (say, out of memory); the sweep went on with the rest. */
  status: 'ok' | 'failed';
  error: SerializedError | null;
  variants: VariantResult[];
  memory: BatchMemory;
}

export interface BenchmarkSummary {
  /** Cold start figures: loadMs (download or cache read), fromCache, warmupMs (weight upload + compile). */
  model: ModelInfo;
  backend: BackendName;
  /** What was fed: "3 images (1 skipped: …)" or "random pixels". */
  inputNote: string;
  batches: BatchResult[];
  /** The largest batch size that ran; with a failed larger one, the limit on this device. */
  largestOkBatch: number | null;
  totalMs: number;
}

/** One timed run: which batch size, variant (index into options.variants) and run, and how long. */
export interface BenchSample {
  batch: number;
  variant: number;
  run: number;
  warmup: boolean;
  ms: number;
}

export type BenchmarkWorkerRequest = { type: 'benchmark'; id: number; model: ModelSpec; options: BenchmarkOptions };

export type BenchmarkWorkerEvent =
  | ({ type: 'sample'; id: number } & BenchSample)
  | { type: 'batch-done'; id: number; result: BatchResult }
  | { type: 'benchmarked'; id: number; summary: BenchmarkSummary };
