/**
 * Models side by side, one after another in this worker: load (or reuse), warm up on the chosen
 * image, then `runs` timed batch-1 passes, each ending only when the answer is read back. A model
 * that fails gets an error row and the next one still runs; cancel acts between runs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { normalize, preprocessBatch, type ModelPixels } from '@/engine/worker/preprocess';
import type { LoadedModel } from '@/engine/worker/models';
import { readBack } from '@/engine/worker/readBack';
import { decodeToBitmap, type ProgressFn } from '@/engine/worker/predict';
import { topK } from '@/shared/models/topk';
import { median } from '@/shared/stats';
import { LumenError, isCancelled, serializeError } from '@/shared/errors';
import type { ImageInput, ModelSpec } from '@/engine/shared/types';
import type { CompareRow } from '@/features/compare/shared/messages';
import { kerasOrdered } from '@/features/compare/shared/agreement';

type TF = typeof tfTypes;

export interface CompareRequest {
  models: ModelSpec[];
  image: ImageInput | null;
  warmup: number;
  runs: number;
}

export interface CompareHooks {
  onRow(index: number, row: CompareRow): void;
  onProgress: ProgressFn;
  isCancelled(): boolean;
}

export type LoadFn = (spec: ModelSpec, onProgress: ProgressFn) => Promise<LoadedModel>;
export type CompareDecoder = (input: ImageInput) => Promise<{ pixels: ModelPixels; close(): void }>;

/** Runs more than this are clamped: the page asks for a handful, a typo should not mean hours. */
export const MAX_RUNS = 200;

/** One forward pass until read-back; returns the time and the single probability row. */
async function timedPass(model: LoadedModel, input: tfTypes.Tensor4D): Promise<{ ms: number; row: Float32Array }> {
  const started = performance.now();
  const { values: row } = await readBack(await model.forward(input));
  return { ms: performance.now() - started, row };
}

async function measure(tf: TF, model: LoadedModel, pixels: ModelPixels | null, request: CompareRequest, hooks: CompareHooks): Promise<CompareRow> {
  const { spec, info } = model;
  const input = pixels
    ? preprocessBatch(tf, [pixels], spec.inputSize, spec.preprocessing, spec.centerCrop)
    : tf.tidy(() => normalize(tf, tf.randomUniform([1, spec.inputSize[0], spec.inputSize[1], 3], 0, 255) as tfTypes.Tensor4D, spec.preprocessing));
  try {
    for (let i = 0; i < request.warmup; i += 1) await timedPass(model, input);
    const runsMs: number[] = [];
    let last: Float32Array = new Float32Array(0);
    const runs = Math.max(1, Math.min(MAX_RUNS, Math.floor(request.runs)));
    for (let i = 0; i < runs; i += 1) {
      if (hooks.isCancelled()) throw new LumenError('cancelled', 'Comparison was cancelled.');
      const { ms, row } = await timedPass(model, input);
      runsMs.push(ms);
      last = row;
    }
    const top1 = pixels ? (topK(last, 1, model.labels, { classes: spec.classes, kerasIndex: spec.kerasIndex })[0] ?? null) : null;
    return {
      key: spec.key,
      name: spec.name,
      status: 'ok',
      parameters: info.parameters,
      weightBytes: info.weightBytes,
      loadMs: info.loadMs,
      warmupMs: info.warmupMs,
      fromCache: info.fromCache,
      runsMs,
      medianMs: median(runsMs),
      top1,
      runtime: info.runtime ?? 'tfjs',
      runtimeBackend: info.runtimeBackend ?? info.backend,
      probabilities: pixels ? kerasOrdered(last, spec.classes, spec.kerasIndex) : null,
    };
  } finally {
    input.dispose();
  }
}

export async function compareModels(
  tf: TF,
  load: LoadFn,
  request: CompareRequest,
  hooks: CompareHooks,
  decode: CompareDecoder = decodeToBitmap,
): Promise<{ count: number; failed: number }> {
  const image = request.image ? await decode(request.image) : null;
  let failed = 0;
  try {
    for (const [index, spec] of request.models.entries()) {
      if (hooks.isCancelled()) throw new LumenError('cancelled', 'Comparison was cancelled.');
      const total = request.models.length;
      hooks.onProgress('download', index / total, `${index + 1} of ${total}: loading ${spec.name}`);
      try {
        const model = await load(spec, hooks.onProgress);
        hooks.onProgress('infer', index / total, `${index + 1} of ${total}: timing ${spec.name}`);
        hooks.onRow(index, await measure(tf, model, image?.pixels ?? null, request, hooks));
      } catch (error) {
        if (isCancelled(error)) throw error;
        failed += 1;
        hooks.onRow(index, { key: spec.key, name: spec.name, status: 'error', error: serializeError(error) });
      }
      hooks.onProgress('infer', (index + 1) / total, `${index + 1} of ${total} done`);
    }
  } finally {
    image?.close();
  }
  return { count: request.models.length, failed };
}
