/**
 * The Teach requests' work in the worker: embeddings (decode as classify does, preprocess, the
 * base's pooled features), cached per base and image content so an image is embedded once; and a
 * head taught on them (kNN at once, dense trained with Adam), evaluated on the held-apart ones.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeBounded } from '@/engine/decode/decode';
import { preprocessBatch, type PixelSource } from '@/engine/worker/preprocess';
import type { ProgressFn } from '@/engine/worker/predict';
import { readBack } from '@/engine/worker/readBack';
import { rowsOf } from '@/shared/models/topk';
import { embedderFor, type EmbeddingBase } from './embed';
import { denseHead, headArtifacts, knnHead, trainDense, type TrainHooks } from './heads';
import { decodeBoundFor } from '@/shared/images/boundedSize';
import { argmax, confusionMatrix, accuracyOf } from '@/features/teach/shared/knn';
import { teachProblem } from '@/features/teach/shared/checks';
import { LumenError, serializeError } from '@/shared/errors';
import type { ImageInput } from '@/engine/shared/types';
import type { EmbeddingItem, EmbeddingSet, TeachEmbedRequest, TeachEvaluation, TeachResult, TeachTrainRequest } from '@/features/teach/shared/teach';

type TF = typeof tfTypes;

export interface EmbedHooks {
  onItem(index: number, item: EmbeddingItem): void;
  onProgress: ProgressFn;
  isCancelled(): boolean;
}

export type PixelDecoder = (input: ImageInput, inputSize: [number, number]) => Promise<{ pixels: PixelSource; close(): void }>;

const decodeLikeClassify: PixelDecoder = async (input, inputSize) => {
  const image = await decodeBounded(input, decodeBoundFor(inputSize));
  return { pixels: image.bitmap, close: () => image.bitmap.close() };
};

/** Images per forward pass while embedding. */
const EMBED_BATCH = 8;
/** Embeddings kept (1280 floats each for MobileNetV2: 5 KB); the oldest go first. */
const CACHE_LIMIT = 4000;
const cache = new Map<string, Float32Array>();

function remember(key: string, vector: Float32Array): void {
  cache.delete(key);
  cache.set(key, vector);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

/** The image's content key: SHA-256 of its bytes (a transferred bitmap has no bytes: its name stands in, uncached). */
async function contentKey(input: ImageInput): Promise<string | null> {
  if (input.kind !== 'blob') return null;
  const digest = await crypto.subtle.digest('SHA-256', await input.blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function embedImages(
  tf: TF,
  base: EmbeddingBase,
  request: TeachEmbedRequest,
  hooks: EmbedHooks,
  decode: PixelDecoder = decodeLikeClassify,
): Promise<{ count: number; failed: number; dim: number; at: string }> {
  const embedder = embedderFor(tf, base);
  const { images } = request;
  let failed = 0;
  let dim = 0;
  const fail = (index: number, name: string, error: unknown) => {
    failed += 1;
    hooks.onItem(index, { name, status: 'error', message: serializeError(error).message });
  };
  for (let start = 0; start < images.length; start += EMBED_BATCH) {
    if (hooks.isCancelled()) throw new LumenError('cancelled', 'Cancelled.');
    const chunk = images.slice(start, start + EMBED_BATCH);
    const pending: { index: number; name: string; key: string | null; pixels: PixelSource; close(): void }[] = [];
    for (const [offset, input] of chunk.entries()) {
      const index = start + offset;
      try {
        const key = await contentKey(input);
        const known = key ? cache.get(`${base.spec.key}|${key}`) : undefined;
        if (key && known) {
          dim = known.length;
          hooks.onItem(index, { name: input.name, status: 'ok', key, vector: known.slice(), cached: true });
          continue;
        }
        const decoded = await decode(input, base.spec.inputSize);
        pending.push({ index, name: input.name, key, ...decoded });
      } catch (error) {
        fail(index, input.name, error);
      }
    }
    try {
      if (pending.length > 0) {
        const output = tf.tidy(() =>
          embedder.embed(
            preprocessBatch(
              tf,
              pending.map((p) => p.pixels),
              base.spec.inputSize,
              base.spec.preprocessing,
            ),
          ),
        );
        const { values: flat, shape } = await readBack(output);
        dim = shape[1] ?? 0;
        pending.forEach((p, i) => {
          const vector = flat.slice(i * dim, (i + 1) * dim);
          const key = p.key ?? `unkeyed:${p.name}`;
          if (p.key) remember(`${base.spec.key}|${p.key}`, vector);
          hooks.onItem(p.index, { name: p.name, status: 'ok', key, vector: vector.slice(), cached: false });
        });
      }
    } catch (error) {
      for (const p of pending) fail(p.index, p.name, error);
    } finally {
      for (const p of pending) p.close();
    }
    const done = Math.min(images.length, start + EMBED_BATCH);
    hooks.onProgress('infer', done / images.length, `${done} of ${images.length} images embedded`);
  }
  return { count: images.length, failed, dim, at: embedder.at };
}

function classCounts(request: TeachTrainRequest) {
  return request.classes.map((name, i) => ({ name, count: request.train.labels.filter((l) => l === i).length }));
}

async function evaluate(tf: TF, head: tfTypes.LayersModel, test: EmbeddingSet, classes: number): Promise<TeachEvaluation> {
  if (test.vectors.length === 0) return { accuracy: null, confusion: confusionMatrix([], [], classes), predicted: [] };
  const dim = test.vectors[0]?.length ?? 0;
  const flat = new Float32Array(test.vectors.length * dim);
  test.vectors.forEach((v, i) => flat.set(v, i * dim));
  const probabilities = tf.tidy(() => head.predict(tf.tensor2d(flat, [test.vectors.length, dim])) as tfTypes.Tensor2D);
  const { values, shape } = await readBack(probabilities);
  const rows = rowsOf(values, shape[1] ?? 0);
  const predicted = rows.map((row) => argmax(row));
  const confusion = confusionMatrix(test.labels, predicted, classes);
  return { accuracy: accuracyOf(confusion), confusion, predicted };
}

export interface TeachTrainHooks extends Omit<TrainHooks, 'yieldToEvents'> {
  onProgress: ProgressFn;
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Teaches the head, evaluates it on the held-apart examples, returns it as artifacts. */
export async function trainHead(tf: TF, request: TeachTrainRequest, hooks: TeachTrainHooks): Promise<TeachResult> {
  const problem = teachProblem(classCounts(request));
  if (problem) throw new LumenError('bad-request', problem);
  const dim = request.train.vectors[0]?.length ?? 0;
  if (dim === 0 || request.train.vectors.some((v) => v.length !== dim) || request.test.vectors.some((v) => v.length !== dim)) {
    throw new LumenError('bad-request', 'The embeddings differ in size: were they made with different base models? Embed the images again.');
  }
  const started = performance.now();
  const classes = request.classes.length;
  let head: tfTypes.LayersModel;
  if (request.method === 'knn') head = knnHead(tf, request.train, classes, request.temperature);
  else {
    head = denseHead(tf, dim, classes, request.dense);
    try {
      await trainDense(tf, head, request.train, request.test, classes, request.dense, { ...hooks, yieldToEvents });
    } catch (error) {
      head.dispose();
      throw error;
    }
  }
  try {
    const trainMs = performance.now() - started;
    return { head: await headArtifacts(tf, head), evaluation: await evaluate(tf, head, request.test, classes), trainMs, dim };
  } finally {
    head.dispose();
  }
}
