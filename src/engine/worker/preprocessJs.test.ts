import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeRgbaInto, preprocessBatchJs } from './preprocessJs';
import { preprocessBatch } from './preprocess';
import { PREPROCESSING_MODES } from '@/shared/models/catalog';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 3 × 2 image whose every channel value differs, alpha 255. */
function image(seed: number) {
  const data = new Uint8Array(3 * 2 * 4);
  for (let i = 0; i < data.length; i += 1) data[i] = i % 4 === 3 ? 255 : (i * 37 + seed * 11) % 256;
  return { width: 3, height: 2, data };
}

describe('JS preprocessing', () => {
  it.each(PREPROCESSING_MODES)('normalises like the TF.js ops in mode %s', async (mode) => {
    const source = image(1);
    const out = new Float32Array(3 * 2 * 3);
    normalizeRgbaInto(source.data, out, 0, mode);
    const viaOps = preprocessBatch(tf, [source], [2, 3], mode);
    const expected = await viaOps.data();
    viaOps.dispose();
    out.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 4));
  });

  it('writes each image of a batch at its own offset and gives the same tensor as the TF.js path', async () => {
    const sources = [image(1), image(2)];
    const scratch = { buffer: null as Float32Array | null };
    const before = tf.memory().numTensors;
    const viaJs = preprocessBatchJs(tf, sources, [2, 3], 'caffe', (s) => (s as { data: Uint8Array }).data, scratch);
    const viaOps = preprocessBatch(tf, sources, [2, 3], 'caffe');
    expect(viaJs.shape).toEqual([2, 2, 3, 3]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(viaJs, viaOps))));
    expect((await diff.data())[0]).toBeLessThan(1e-4);
    diff.dispose();
    // The scratch buffer is reused by the next call rather than reallocated.
    const firstBuffer = scratch.buffer;
    tf.dispose([viaJs, viaOps]);
    preprocessBatchJs(tf, sources, [2, 3], 'caffe', (s) => (s as { data: Uint8Array }).data, scratch).dispose();
    expect(scratch.buffer).toBe(firstBuffer);
    expect(tf.memory().numTensors).toBe(before);
  });
});
