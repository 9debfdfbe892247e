/**
 * The classify pipeline for one request: decode → preprocess → forward → read back → top-k, in
 * batches. A failure is confined to what it touches: an undecodable file fails alone, a batch
 * that fails (say, out of memory) fails its own images, and the next batch still runs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeImage } from './decode';
import { preprocessBatch, type PixelSource } from './preprocess';
import { rowsOf, topK } from '../lib/topk';
import { LumenError, serializeError } from '../shared/errors';
import type { ClassifyItem, ImageInput, ModelSpec, ProgressStage } from '../shared/protocol';

type TF = typeof tfTypes;

export type ProgressFn = (stage: ProgressStage, fraction: number, detail: string) => void;

export interface ClassifyRequest {
  model: ModelSpec;
  k: number;
  images: ImageInput[];
  batchSize: number;
}

export interface DecodedImage {
  pixels: PixelSource;
  width: number;
  height: number;
  close(): void;
}

export interface ClassifyHooks {
  onItem(index: number, item: ClassifyItem): void;
  onProgress: ProgressFn;
  isCancelled(): boolean;
}

/** What predict needs of a loaded model (LoadedModel satisfies it; tests pass a tiny fake). */
export interface Classifier {
  spec: ModelSpec;
  labels: readonly string[];
  forward(batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D>;
}

export type Decoder = (input: ImageInput) => Promise<DecodedImage>;

/** One batch of decoded pixels → probability rows. The engine wraps inferBatch with GPU-loss recovery. */
export type BatchInfer = (pixels: readonly PixelSource[]) => Promise<{ rows: Float32Array[]; preprocessMs: number; batchMs: number }>;

export const decodeToBitmap: Decoder = async (input) => {
  const bitmap = await decodeImage(input);
  return { pixels: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
};

/** Runs one batch through the model; returns one probability row per image. */
export async function inferBatch(tf: TF, model: Classifier, pixels: readonly PixelSource[]): Promise<{ rows: Float32Array[]; preprocessMs: number; batchMs: number }> {
  const t0 = performance.now();
  const batch = preprocessBatch(tf, pixels, model.spec.inputSize, model.spec.preprocessing);
  const t1 = performance.now();
  try {
    const probabilities = await model.forward(batch);
    // Timing ends only once the numbers are back on the CPU: GPU work is asynchronous.
    const flat = (await probabilities.data()) as Float32Array;
    const classes = probabilities.shape[1];
    probabilities.dispose();
    return { rows: rowsOf(flat, classes), preprocessMs: t1 - t0, batchMs: performance.now() - t1 };
  } finally {
    batch.dispose();
  }
}

export async function classifyImages(
  model: Pick<Classifier, 'spec' | 'labels'>,
  request: ClassifyRequest,
  hooks: ClassifyHooks,
  deps: { infer: BatchInfer; decode?: Decoder },
): Promise<{ count: number; failed: number }> {
  const decode = deps.decode ?? decodeToBitmap;
  const { images, k } = request;
  const batchSize = Math.max(1, Math.floor(request.batchSize));
  const layout = { classes: model.spec.classes, kerasIndex: model.spec.kerasIndex };
  let failed = 0;
  const fail = (index: number, name: string, error: unknown): void => {
    failed += 1;
    hooks.onItem(index, { name, status: 'error', error: serializeError(error) });
  };

  for (let start = 0; start < images.length; start += batchSize) {
    if (hooks.isCancelled()) throw new LumenError('cancelled', 'Classification was cancelled.');
    const chunk = images.slice(start, start + batchSize);
    const decoded: { index: number; name: string; image: DecodedImage; decodeMs: number }[] = [];
    await Promise.all(
      chunk.map(async (input, offset) => {
        const t0 = performance.now();
        try {
          decoded.push({ index: start + offset, name: input.name, image: await decode(input), decodeMs: performance.now() - t0 });
        } catch (error) {
          fail(start + offset, input.name, error);
        }
      }),
    );
    decoded.sort((a, b) => a.index - b.index);
    try {
      if (decoded.length > 0) {
        const { rows, preprocessMs, batchMs } = await deps.infer(decoded.map((d) => d.image.pixels));
        decoded.forEach((d, i) => {
          hooks.onItem(d.index, {
            name: d.name,
            status: 'ok',
            predictions: topK(rows[i] ?? new Float32Array(0), k, model.labels, layout),
            batchMs,
            batchSize: decoded.length,
            decodeMs: d.decodeMs,
            preprocessMs,
            width: d.image.width,
            height: d.image.height,
            format: null,
            downscaled: false,
            thumbnail: null,
          });
        });
      }
    } catch (error) {
      for (const d of decoded) fail(d.index, d.name, error);
    } finally {
      for (const d of decoded) d.image.close();
    }
    const done = Math.min(images.length, start + batchSize);
    hooks.onProgress('infer', done / images.length, `${done} of ${images.length} images`);
  }
  return { count: images.length, failed };
}
