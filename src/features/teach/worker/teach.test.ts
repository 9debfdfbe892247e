/**
 * Teach in Node on the cpu backend, with the tiny explain models as bases: embeddings are unit
 * vectors and cached by content, the kNN head is exactly the soft vote of features/teach/shared/knn.ts, the
 * dense head learns and can be cancelled, the exported files load back (as a standard TF.js layers
 * model too) with the same predictions, a taught model classifies through the base, nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedImages, trainHead, type PixelDecoder } from './teach';
import { loadHead } from './heads';
import { loadTaughtModel } from './taught';
import { tinyGraphModel, tinyLayersModel, twoColourSpec, TINY_SIZE } from '@/testing/twoColourModels';
import { knnScores, l2Normalise } from '@/features/teach/shared/knn';
import { exportTaught, headFromFiles } from '@/features/teach/shared/exportFiles';
import { DEFAULT_DENSE, type EmbeddingItem, type EmbeddingSet, type TeachEpoch, type TeachTrainRequest } from '@/features/teach/shared/teach';
import type { ImageInput } from '@/engine/shared/types';
import type { LoadedModel } from '@/engine/worker/models';

/** Blob text "r,g,b" → a solid image of that colour: content decides the embedding. */
const decodeSolid: PixelDecoder = async (input) => {
  if (input.kind !== 'blob') throw new Error('blob only');
  const [r = 0, g = 0, b = 0] = (await input.blob.text()).split(',').map(Number);
  const data = new Uint8Array(TINY_SIZE * TINY_SIZE * 4);
  for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
  return { pixels: { data, width: TINY_SIZE, height: TINY_SIZE }, close: () => undefined };
};
const solid = (name: string, rgb: string): ImageInput => ({ name, kind: 'blob', blob: new Blob([rgb]) });
const hooks = (items: EmbeddingItem[]) => ({
  onItem: (i: number, item: EmbeddingItem) => (items[i] = item),
  onProgress: () => undefined,
  isCancelled: () => false,
});

/** Random unit vectors around one centre per class. */
function clusters(perClass: number, classes: number, dim: number, seed: number): EmbeddingSet {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, rand));
  const set: EmbeddingSet = { vectors: [], labels: [] };
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      set.vectors.push(l2Normalise(centres[c]?.map((x) => x + 0.6 * rand()) ?? []));
      set.labels.push(c);
    }
  }
  return set;
}

const request = (method: 'knn' | 'dense', train: EmbeddingSet, test: EmbeddingSet, classes: string[]): TeachTrainRequest => ({
  base: twoColourSpec('layers'),
  method,
  classes,
  train,
  test,
  dense: { ...DEFAULT_DENSE, epochs: 40, learningRate: 0.01 },
  temperature: 20,
});
const trainHooks = (onEpoch: (epoch: TeachEpoch) => void = () => undefined, isCancelled = () => false) => ({
  onEpoch,
  isCancelled,
  onProgress: () => undefined,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('embeddings', () => {
  it.each(['layers', 'graph'] as const)('are pooled unit vectors from a %s base, cached by content, without leaks', async (format) => {
    const model = format === 'layers' ? tinyLayersModel(tf) : (await tinyGraphModel(tf)).model;
    const topology = format === 'graph' ? (await tinyGraphModel(tf)).topology : null;
    const base = { spec: twoColourSpec(format), model, topology };
    const before = tf.memory().numTensors;
    const items: EmbeddingItem[] = [];
    const images = [solid('red', '250,0,0'), solid('blue', '0,0,250'), solid('again', '250,0,0')];
    const done = await embedImages(tf, base, { base: base.spec, images }, hooks(items), decodeSolid);
    expect(done).toMatchObject({ count: 3, failed: 0, dim: 2 });
    const [red, blue] = items.map((i) => (i.status === 'ok' ? Array.from(i.vector) : []));
    expect(red?.[0]).toBeCloseTo(1, 5);
    expect(blue?.[1]).toBeCloseTo(1, 5);
    const again: EmbeddingItem[] = [];
    await embedImages(tf, base, { base: base.spec, images: [solid('red2', '250,0,0')] }, hooks(again), decodeSolid);
    expect(again[0]).toMatchObject({ status: 'ok', cached: true, key: items[0]?.status === 'ok' ? items[0].key : '' });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reports an image that cannot be decoded and goes on', async () => {
    const base = { spec: twoColourSpec('layers'), model: tinyLayersModel(tf), topology: null };
    const items: EmbeddingItem[] = [];
    const broken: PixelDecoder = async (input, size) => {
      if (input.name === 'bad') throw new Error('not an image');
      return decodeSolid(input, size);
    };
    const done = await embedImages(tf, base, { base: base.spec, images: [solid('bad', 'x'), solid('ok', '9,9,200')] }, hooks(items), broken);
    expect(done.failed).toBe(1);
    expect(items[0]).toMatchObject({ status: 'error', message: 'not an image' });
    expect(items[1]?.status).toBe('ok');
    base.model.dispose();
  });
});

describe('heads', () => {
  const train = clusters(6, 3, 16, 11);
  const test = clusters(4, 3, 16, 11);

  it('kNN head gives exactly the soft vote, and separates clusters', async () => {
    const before = tf.memory().numTensors;
    const result = await trainHead(tf, request('knn', train, test, ['a', 'b', 'c']), trainHooks());
    expect(result.evaluation.accuracy).toBeGreaterThan(0.9);
    const head = await loadHead(tf, result.head);
    const probabilities = tf.tidy(
      () =>
        head.predict(
          tf.tensor2d(
            test.vectors.flatMap((v) => Array.from(v)),
            [test.vectors.length, 16],
          ),
        ) as tf.Tensor2D,
    );
    const rows = (await probabilities.array()) as number[][];
    rows.forEach((row, i) => {
      const expected = knnScores(test.vectors[i] ?? [], train.vectors, train.labels, 3, 20);
      row.forEach((p, c) => expect(Math.abs(p - (expected[c] ?? 0))).toBeLessThan(1e-5));
    });
    tf.dispose([probabilities]);
    head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dense head learns, streams its epochs, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const result = await trainHead(
      tf,
      request('dense', train, test, ['a', 'b', 'c']),
      trainHooks((e) => void epochs.push(e.valAccuracy ?? -1)),
    );
    expect(epochs).toHaveLength(40);
    expect(result.evaluation.accuracy).toBeGreaterThan(0.9);
    expect(result.evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(12);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dense training stops when cancelled, without leaks', async () => {
    const before = tf.memory().numTensors;
    let batches = 0;
    const cancelled = trainHead(
      tf,
      request('dense', train, test, ['a', 'b', 'c']),
      trainHooks(undefined, () => ++batches > 3),
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses one class and too few images, naming the class', async () => {
    const one = { vectors: train.vectors.slice(0, 6), labels: train.labels.slice(0, 6) };
    await expect(trainHead(tf, request('knn', one, test, ['a']), trainHooks())).rejects.toThrow(/Only one class/);
    const few = { vectors: train.vectors.slice(0, 7), labels: train.labels.slice(0, 7) };
    await expect(trainHead(tf, request('knn', few, test, ['a', 'b']), trainHooks())).rejects.toThrow(/"b" has 1/);
  });

  it.each(['knn', 'dense'] as const)('%s: export → import gives the same predictions within 1e-5', async (method) => {
    const result = await trainHead(tf, request(method, train, test, ['a', 'b', 'c']), trainHooks());
    const meta = {
      format: 'lumen-taught' as const,
      version: 1 as const,
      name: 'x',
      method,
      labels: ['a', 'b', 'c'],
      base: { id: 'tiny', version: '1', key: 'tiny@1', name: 'Tiny', preprocessing: 'tf', inputSize: [16, 16] as [number, number] },
      embedding: { at: 'x', dim: 16, pooling: 'global-average' as const, normalise: 'l2' as const },
      temperature: 20,
      createdAt: '',
    };
    const files = exportTaught(result.head, meta);
    const asFile = (i: number) => new File([files[i]?.data ?? ''], files[i]?.name ?? '');
    // Through the importer (what the Your-model view does) and as a plain TF.js layers model.
    const imported = headFromFiles(await asFile(0).text(), [await asFile(1).arrayBuffer()]);
    if (typeof imported === 'string') throw new Error(imported);
    // TF.js's own reader of a model.json and its shards (tf.io.browserFiles needs FileReader, absent in Node).
    const weights = await asFile(1).arrayBuffer();
    const standard = {
      load: () => tf.io.getModelArtifactsForJSON(JSON.parse(String(files[0]?.data)), async (manifest) => [manifest.flatMap((g) => g.weights), weights]),
    };
    const heads = [await loadHead(tf, result.head), await loadHead(tf, imported), await tf.loadLayersModel(standard)];
    const input = tf.tensor2d(
      test.vectors.flatMap((v) => Array.from(v)),
      [test.vectors.length, 16],
    );
    const rows = await Promise.all(heads.map((h) => (h.predict(input) as tf.Tensor).data()));
    for (const other of rows.slice(1)) {
      let worst = 0;
      other.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - (rows[0]?.[i] ?? 0)))));
      expect(worst).toBeLessThan(1e-5);
    }
    tf.dispose(input);
    for (const h of heads) h.dispose();
  });
});

describe('a taught model', () => {
  it('classifies through its base: embedding then head, without leaks', async () => {
    const model = tinyLayersModel(tf);
    const baseSpec = twoColourSpec('layers');
    const base = { spec: baseSpec, model, topology: null } as unknown as LoadedModel;
    const items: EmbeddingItem[] = [];
    const images = ['250,0,0', '200,30,0', '0,0,250', '20,0,210'].map((rgb, i) => solid(`i${i}`, rgb));
    await embedImages(tf, base, { base: baseSpec, images }, hooks(items), decodeSolid);
    const vectors = items.map((i) => (i.status === 'ok' ? i.vector : new Float32Array(2)));
    const set = { vectors, labels: [0, 0, 1, 1] };
    const result = await trainHead(tf, { ...request('knn', set, { vectors: [], labels: [] }, ['reds', 'blues']), base: baseSpec }, trainHooks());
    base.info = {
      key: baseSpec.key,
      backend: 'cpu',
      loadMs: 1,
      warmupMs: 1,
      inputShape: [],
      outputShape: [],
      parameters: 6,
      weightBytes: 24,
      fromCache: false,
      cacheProblem: null,
    };
    const spec = { ...baseSpec, key: 'taught@1', taught: { base: baseSpec, head: result.head, labels: ['reds', 'blues'], method: 'knn' as const } };
    const before = tf.memory().numTensors;
    const taught = await loadTaughtModel(tf, spec, async () => base);
    const batch = tf.tidy(() => tf.stack([tf.fill([16, 16, 3], -1), tf.concat([tf.fill([16, 16, 1], 0.5), tf.fill([16, 16, 2], -1)], 2)]) as tf.Tensor4D);
    const out = await taught.forward(batch);
    const [black, red] = (await out.array()) as number[][];
    expect(red?.[0]).toBeGreaterThan(0.9);
    expect(black).toHaveLength(2);
    tf.dispose([out, batch]);
    taught.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
