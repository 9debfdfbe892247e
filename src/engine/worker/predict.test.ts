import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { classifyImages, inferBatch, type Classifier } from './predict';
import { makeForward } from './models';
import { LumenError } from '@/shared/errors';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { ImageInput } from '@/engine/shared/types';
import { tinyClassifier, tinySpec } from '@/testing/tinyModels';
import { greyDecoder, greyImage } from '@/testing/greyImages';

const spec = tinySpec();

/** A real (tiny) Keras-style model: global average pool → dense 3 → 1000 logits. */
const tinyLayersModel = (): tf.LayersModel => tinyClassifier(tf, 4);

const fakeDecode = greyDecoder;

const blob = greyImage;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('makeForward', () => {
  it('turns logits into probabilities that sum to 1 and match softmax of the raw output', async () => {
    const model = tinyLayersModel();
    const forward = makeForward(model, spec);
    const x = tf.randomUniform([2, 4, 4, 3]) as tf.Tensor4D;
    const probs = await forward(x);
    const raw = model.predict(x) as tf.Tensor2D;
    const expected = tf.softmax(raw);
    expect(probs.shape).toEqual([2, 1000]);
    const sums = await probs.sum(1).data();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 4));
    const diff = await tf.max(tf.abs(tf.sub(probs, expected))).data();
    expect(diff[0]).toBeLessThan(1e-6);
    tf.dispose([x, probs, raw, expected]);
    model.dispose();
  });

  it('predict and execute give the same probabilities; executeAsync is refused for layers models', async () => {
    const model = tinyLayersModel();
    const x = tf.randomUniform([3, 4, 4, 3]) as tf.Tensor4D;
    const viaPredict = await makeForward(model, spec, 'predict')(x);
    const viaExecute = await makeForward(model, spec, 'execute')(x);
    expect(Array.from(await viaExecute.data())).toEqual(Array.from(await viaPredict.data()));
    expect(() => makeForward(model, spec, 'executeAsync')).toThrow(/not executeAsync/);
    tf.dispose([x, viaPredict, viaExecute]);
    model.dispose();
  });

  it('passes softmax outputs through unchanged', async () => {
    const model = tinyLayersModel();
    const x = tf.ones([1, 4, 4, 3]) as tf.Tensor4D;
    const probs = await makeForward(model, { ...spec, output: 'softmax' })(x);
    const raw = model.predict(x) as tf.Tensor;
    expect(Array.from(await probs.data())).toEqual(Array.from(await raw.data()));
    tf.dispose([x, probs, raw]);
    model.dispose();
  });
});

describe('classifyImages', () => {
  // One model for the whole suite: its weights are random, so answers compare only within it.
  let model: tf.LayersModel;
  beforeAll(() => {
    model = tinyLayersModel();
  });
  const run = async (images: ImageInput[], batchSize: number, cancelAfter = Infinity) => {
    const classifier: Classifier = { spec, labels: Array.from({ length: 1000 }, (_, i) => `c${i}`), forward: makeForward(model, spec) };
    const items = new Map<number, ClassifyItem>();
    let progressCalls = 0;
    const before = tf.memory().numTensors;
    const outcome = await classifyImages(
      classifier,
      { model: spec, k: 3, images, batchSize },
      { onItem: (i, item) => items.set(i, item), onProgress: () => (progressCalls += 1), isCancelled: () => progressCalls >= cancelAfter },
      { infer: (pixels) => inferBatch(tf, classifier, pixels), decode: fakeDecode },
    ).catch((error: unknown) => error);
    const leaked = tf.memory().numTensors - before;
    return { items, outcome, leaked, progressCalls };
  };

  it('gives every image its own top-k, in batches, leaking no tensor', async () => {
    const { items, outcome, leaked, progressCalls } = await run([blob('a.png', 10), blob('b.png', 200), blob('c.png', 90)], 2);
    expect(outcome).toEqual({ count: 3, failed: 0 });
    expect(leaked).toBe(0);
    expect(progressCalls).toBe(2); // two batches: [a, b], [c]
    const a = items.get(0);
    expect(a?.status).toBe('ok');
    if (a?.status !== 'ok') throw new Error('unreachable');
    expect(a.predictions).toHaveLength(3);
    expect(a.batchSize).toBe(2);
    expect(a.predictions[0]!.probability).toBeGreaterThanOrEqual(a.predictions[1]!.probability);
    const c = items.get(2);
    expect(c?.status === 'ok' && c.batchSize).toBe(1);
  });

  it('a corrupt file fails alone: the other images of its batch still get results', async () => {
    const images = [blob('one.png'), blob('bad.jpg'), blob('three.png'), blob('four.png')];
    const { items, outcome, leaked } = await run(images, 4);
    expect(outcome).toEqual({ count: 4, failed: 1 });
    expect(leaked).toBe(0);
    expect([...items.values()].filter((i) => i.status === 'ok')).toHaveLength(3);
    const bad = items.get(1);
    expect(bad?.status).toBe('error');
    expect(bad?.status === 'error' && bad.error).toMatchObject({ code: 'decode-failed', message: expect.stringContaining('bad.jpg') });
  });

  it('the same image gives the same answer alone or inside a batch', async () => {
    const alone = (await run([blob('x.png', 77)], 1)).items.get(0);
    const batched = (await run([blob('y.png', 3), blob('x.png', 77)], 2)).items.get(1);
    if (alone?.status !== 'ok' || batched?.status !== 'ok') throw new Error('expected results');
    expect(batched.predictions.map((p) => p.classIndex)).toEqual(alone.predictions.map((p) => p.classIndex));
  });

  it('stops between batches when cancelled, without leaking', async () => {
    const images = Array.from({ length: 6 }, (_, i) => blob(`${i}.png`));
    const { items, outcome, leaked } = await run(images, 2, 1);
    expect(outcome).toBeInstanceOf(LumenError);
    expect((outcome as LumenError).code).toBe('cancelled');
    expect(items.size).toBe(2);
    expect(leaked).toBe(0);
  });
});

describe('inferBatch', () => {
  it('leaves no tensor behind when the read-back of the output fails (the out-of-memory retry path)', async () => {
    const model = tinyLayersModel();
    const forward = makeForward(model, spec);
    const failingForward = async (batch: tf.Tensor4D): Promise<tf.Tensor2D> => {
      const out = await forward(batch);
      vi.spyOn(out, 'data').mockRejectedValue(new Error('Failed to allocate texture: out of memory'));
      return out;
    };
    const classifier: Classifier = { spec, labels: [], forward: failingForward };
    const pixels = [{ width: 4, height: 4, data: new Uint8Array(64).fill(9) }];
    const before = tf.memory().numTensors;
    await expect(inferBatch(tf, classifier, pixels)).rejects.toThrow(/out of memory/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
