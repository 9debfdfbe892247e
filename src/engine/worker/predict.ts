/**
 * The classify pipeline for one request: decode (bounded size) → preprocess → forward → read back
 * → top-k, in batches, pipelined (features/classify/shared/pipeline.ts): batch n+1 decodes while batch n is in the
 * model, and results are posted in order behind the inference. A failure is confined to the image it belongs to: an undecodable file fails
 * alone, and a batch that fails is retried (halved when out of memory, else image by image, see
 * features/classify/shared/runIsolated.ts) before any image in it is marked as an error.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeBounded, ImageDecodeError } from '@/engine/decode/decode';
import { makeThumbnail } from '@/engine/decode/thumbnail';
import { preprocessBatch, type ModelPixels } from './preprocess';
import { readBack } from './readBack';
import { decodeBoundFor } from '@/shared/images/boundedSize';
import { runIsolated } from '@/features/classify/shared/runIsolated';
import { runPipelined } from '@/features/classify/shared/pipeline';
import { rowsOf, topK } from '@/shared/models/topk';
import { LumenError, serializeError } from '@/shared/errors';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { ImageInput, ModelSpec, Notice, ProgressStage } from '@/engine/shared/types';
import type { CorruptionSpec } from '@/features/evaluate/shared/corruptModelInput';

type TF = typeof tfTypes;

export type ProgressFn = (stage: ProgressStage, fraction: number, detail: string) => void;

export interface ClassifyRequest {
  model: ModelSpec;
  k: number;
  images: ImageInput[];
  batchSize: number;
  /** Applied by the decoder the engine makes for the request (features/classify/shared/messages.ts). */
  corruption?: CorruptionSpec;
}

export interface DecodedImage {
  /** A decoded bitmap, or (from the decode worker) float RGB already at the model's input size. */
  pixels: ModelPixels;
  /** The image's own size (as displayed), before any bounded decode. */
  width: number;
  height: number;
  format: string | null;
  downscaled: boolean;
  /**
   * A small thumbnail of the decoded pixels; absent where none can be made (tests). It reads the
   * pixels before it returns (only the encoding is left to its promise), so `close` may follow at once.
   */
  thumbnail?(): Promise<Blob | null>;
  close(): void;
}

export interface ClassifyHooks {
  onItem(index: number, item: ClassifyItem): void;
  onProgress: ProgressFn;
  isCancelled(): boolean;
  /** Something recovered from mid-request (a batch split after running out of memory). */
  onNotice?(notice: Notice): void;
}

/** What predict needs of a loaded model (LoadedModel satisfies it; tests pass a tiny fake). */
export interface Classifier {
  spec: ModelSpec;
  labels: readonly string[];
  forward(batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D>;
}

export type Decoder = (input: ImageInput) => Promise<DecodedImage>;

/** One batch through the model: one probability row per image. Injected, so the engine can wrap it (GPU-loss recovery). */
export type BatchInfer = (pixels: readonly ModelPixels[]) => Promise<{ rows: Float32Array[]; preprocessMs: number; batchMs: number }>;

/** Decodes with the longest side at most `maxSide`, keeping what the item reports. */
export function boundedDecoder(maxSide?: number): Decoder {
  return async (input) => {
    const image = await decodeBounded(input, maxSide);
    const { bitmap } = image;
    return { ...image, pixels: bitmap, thumbnail: () => makeThumbnail(bitmap), close: () => bitmap.close() };
  };
}

export const decodeToBitmap: Decoder = boundedDecoder();

/** Runs one batch through the model; returns one probability row per image. */
export async function inferBatch(
  tf: TF,
  model: Classifier,
  pixels: readonly ModelPixels[],
): Promise<{ rows: Float32Array[]; preprocessMs: number; batchMs: number }> {
  const t0 = performance.now();
  const batch = preprocessBatch(tf, pixels, model.spec.inputSize, model.spec.preprocessing, model.spec.centerCrop);
  const t1 = performance.now();
  try {
    // Timing ends only once the numbers are back on the CPU: GPU work is asynchronous.
    const { values, shape } = await readBack(await model.forward(batch));
    return { rows: rowsOf(values, shape[1] ?? 0), preprocessMs: t1 - t0, batchMs: performance.now() - t1 };
  } finally {
    batch.dispose();
  }
}

interface Decoded {
  index: number;
  name: string;
  image: DecodedImage;
  decodeMs: number;
  /** Started as soon as the image is decoded, so it is ready by the time the batch's results are. */
  thumbnail: Promise<Blob | null>;
}

/** An inference error as it concerns one image: its name first, the cause after. */
function imageError(name: string, error: unknown): LumenError {
  const { code, message } = serializeError(error);
  return new LumenError(code, message.includes(`"${name}"`) ? message : `"${name}" could not be classified: ${message}`);
}

export async function classifyImages(
  model: Pick<Classifier, 'spec' | 'labels'>,
  request: ClassifyRequest,
  hooks: ClassifyHooks,
  deps: { infer: BatchInfer; decode?: Decoder },
): Promise<{ count: number; failed: number }> {
  const { images, k } = request;
  const decode = deps.decode ?? boundedDecoder(decodeBoundFor(model.spec.inputSize));
  const layout = { classes: model.spec.classes, kerasIndex: model.spec.kerasIndex };
  // Lowered for the rest of the request when a batch runs out of memory.
  let batchSize = Math.max(1, Math.floor(request.batchSize));
  let failed = 0;
  // Results are posted in a chain of their own, in order, so the next batch's inference need not
  // wait for thumbnails and messages; every answer is out before this function returns or throws.
  let delivery: Promise<void> = Promise.resolve();
  const deliver = (post: () => Promise<void> | void): void => {
    delivery = delivery.then(post);
  };
  const fail = (index: number, name: string, error: unknown, format: string | null): void => {
    failed += 1;
    deliver(() => hooks.onItem(index, { name, status: 'error', error: serializeError(error), format }));
  };

  const succeed = (group: readonly Decoded[], result: Awaited<ReturnType<BatchInfer>>): void => {
    deliver(async () => {
      const thumbnails = await Promise.all(group.map((d) => d.thumbnail));
      group.forEach((d, i) => {
        hooks.onItem(d.index, {
          name: d.name,
          status: 'ok',
          predictions: topK(result.rows[i] ?? new Float32Array(0), k, model.labels, layout),
          batchMs: result.batchMs,
          batchSize: group.length,
          decodeMs: d.decodeMs,
          preprocessMs: result.preprocessMs,
          width: d.image.width,
          height: d.image.height,
          format: d.image.format,
          downscaled: d.image.downscaled,
          thumbnail: thumbnails[i] ?? null,
        });
      });
    });
  };

  const onSplit = (size: number, first: number, second: number): void => {
    batchSize = Math.min(batchSize, first);
    hooks.onNotice?.({
      kind: 'batch-split',
      message: `A batch of ${size} images ran out of memory; it was split into ${first} + ${second} and retried, and the rest of this request runs at most ${batchSize} at a time.`,
      recoveryMs: null,
    });
  };

  const decodeBatch = async (chunk: readonly ImageInput[], start: number): Promise<Decoded[]> => {
    const decoded: Decoded[] = [];
    await Promise.all(
      chunk.map(async (input, offset) => {
        const t0 = performance.now();
        try {
          const image = await decode(input);
          const decodeMs = performance.now() - t0;
          decoded.push({ index: start + offset, name: input.name, image, decodeMs, thumbnail: image.thumbnail?.() ?? Promise.resolve(null) });
        } catch (error) {
          fail(start + offset, input.name, error, error instanceof ImageDecodeError ? error.format : null);
        }
      }),
    );
    return decoded.sort((a, b) => a.index - b.index);
  };

  const inferIsolated = async (decoded: readonly Decoded[]): Promise<void> => {
    // Cut before an out-of-memory split lowered the size: run it in groups of the size now.
    for (let at = 0; at < decoded.length; ) {
      const group = decoded.slice(at, at + batchSize);
      at += group.length;
      await runIsolated(group, (group) => deps.infer(group.map((d) => d.image.pixels)), {
        onSuccess: succeed,
        onFailure: (d, error) => fail(d.index, d.name, imageError(d.name, error), d.image.format),
        onSplit,
        isCancelled: () => hooks.isCancelled(),
      });
    }
  };

  try {
    await runPipelined(images, {
      batchSize: () => batchSize,
      prepare: decodeBatch,
      run: inferIsolated,
      release: (decoded) => {
        for (const d of decoded) d.image.close();
      },
      onBatchDone: (end) => deliver(() => hooks.onProgress('infer', end / images.length, `${end} of ${images.length} images`)),
      isCancelled: () => hooks.isCancelled(),
    });
  } finally {
    await delivery;
  }
  return { count: images.length, failed };
}
