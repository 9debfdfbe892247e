/** Names and presets for benchmark variants, shared by worker, page, exports and the headless script. */
import { assertNever } from '@/shared/assertNever';
import type { ModelFormat } from '@/shared/models/catalog';
import type { BenchmarkOptions, BenchVariant } from './messages';
import type { ForwardMethod } from '@/engine/shared/types';

/** A short, stable name: table column, CSV value, chart series. */
export function variantLabel(variant: BenchVariant): string {
  switch (variant.kind) {
    case 'model':
      return variant.method === 'auto' ? 'app' : `app:${variant.method}`;
    case 'pipeline':
      return `pipeline:${variant.preprocess === 'backend' ? 'tf-ops' : 'js'}`;
    case 'bare':
      return 'bare';
    case 'peer':
      return 'peer';
    default:
      return assertNever(variant, 'benchmark variant');
  }
}

/** What the variant measures, in a sentence for tooltips and the export. */
export function variantDescription(variant: BenchVariant): string {
  switch (variant.kind) {
    case 'model':
      return variant.method === 'auto'
        ? "the app's forward pass as classify runs it (execute() for graphs, predict() for layers) on a pre-built input, until read-back"
        : `the same forward pass through ${variant.method}() instead, on the same input, until read-back`;
    case 'pipeline':
      return variant.preprocess === 'backend'
        ? 'the whole classify path per run: preprocessing as TF.js ops on the backend, forward, read-back, top-5'
        : 'the whole classify path per run: canvas resize and normalisation in JS, upload, forward, read-back, top-5';
    case 'bare':
      return 'the raw model alone: execute() (predict() for layers) on the same input, until read-back';
    case 'peer':
      return '@tensorflow-models/mobilenet classify() on the same image (top-5), batch 1';
    default:
      return assertNever(variant, 'benchmark variant');
  }
}

/** The TF.js call a format offers besides the one the app uses ('auto': execute for graphs, predict for layers). */
export function otherMethodFor(format: ModelFormat): ForwardMethod {
  return format === 'graph' ? 'executeAsync' : 'execute';
}

/**
 * The method comparison for one model: the app's own call and the other TF.js call, then the whole
 * classify path with preprocessing as TF.js ops on the backend and in JS on the CPU.
 */
export function methodVariants(format: ModelFormat): BenchVariant[] {
  return [
    { kind: 'model', method: 'auto' },
    { kind: 'model', method: otherMethodFor(format) },
    { kind: 'pipeline', preprocess: 'backend' },
    { kind: 'pipeline', preprocess: 'js' },
  ];
}

export const APP_VARIANT: BenchVariant = { kind: 'model', method: 'auto' };

/** Largest batch the page or a script may ask for; beyond it the input alone is gigabytes. */
export const MAX_BATCH = 1024;

/** A problem with benchmark options, in words a person can act on; null when they are fine. */
export function benchmarkOptionsProblem(options: BenchmarkOptions): string | null {
  const { batches, warmup, runs, durationMs, variants, input } = options;
  if (batches.length === 0) return 'choose at least one batch size';
  const badBatch = batches.find((b) => !Number.isInteger(b) || b < 1 || b > MAX_BATCH);
  if (badBatch !== undefined) return `batch size ${badBatch} is not a whole number from 1 to ${MAX_BATCH}`;
  if (!Number.isInteger(warmup) || warmup < 0) return `warm-up runs must be a whole number ≥ 0 (got ${warmup})`;
  if (durationMs === null && (!Number.isInteger(runs) || runs < 1)) return `timed runs must be a whole number ≥ 1 (got ${runs})`;
  if (durationMs !== null && !(durationMs > 0)) return `the duration must be more than 0 seconds (got ${durationMs / 1000})`;
  if (variants.length === 0) return 'choose at least one thing to time';
  if (input.kind === 'images' && input.images.length === 0) return 'no images to benchmark with: drop some in the Classify view, or use random input';
  return null;
}
