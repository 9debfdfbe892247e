import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAFFE_MEAN_BGR, TORCH_MEAN, TORCH_STD, preprocessBatch, type ResizedPixels } from './preprocess';
import { resizeRgbaToRgb } from '@/shared/images/resizeBilinear';
import type { PreprocessingMode } from '@/shared/models/catalog';

/** A 1×2 RGBA image: pixel A = (10, 20, 30), pixel B = (200, 100, 50), both opaque. */
const twoPixels = { width: 2, height: 1, data: new Uint8Array([10, 20, 30, 255, 200, 100, 50, 255]) };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function run(mode: PreprocessingMode): Promise<number[]> {
  const batch = preprocessBatch(tf, [twoPixels], [1, 2], mode);
  expect(batch.shape).toEqual([1, 1, 2, 3]);
  const values = Array.from(await batch.data());
  batch.dispose();
  return values;
}

describe('preprocessing modes, against hand-computed values', () => {
  it('tf: x / 127.5 - 1 maps 0..255 to [-1, 1]', async () => {
    const expected = [10 / 127.5 - 1, 20 / 127.5 - 1, 30 / 127.5 - 1, 200 / 127.5 - 1, 100 / 127.5 - 1, 50 / 127.5 - 1];
    (await run('tf')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
    // Concretely: 10 → -0.92157, 200 → 0.56863
    expect((await run('tf'))[0]).toBeCloseTo(-0.92157, 4);
  });

  it('caffe: RGB→BGR, then minus the ImageNet BGR means, no scaling', async () => {
    const [b, g, r] = CAFFE_MEAN_BGR;
    const expected = [30 - b, 20 - g, 10 - r, 50 - b, 100 - g, 200 - r];
    (await run('caffe')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 3));
    expect((await run('caffe'))[0]).toBeCloseTo(-73.939, 3);
  });

  it('torch: x / 255, minus mean, over std, per RGB channel', async () => {
    const px = [10, 20, 30, 200, 100, 50];
    const expected = px.map((v, i) => (v / 255 - (TORCH_MEAN[i % 3] ?? 0)) / (TORCH_STD[i % 3] ?? 1));
    (await run('torch')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
    expect((await run('torch'))[0]).toBeCloseTo((10 / 255 - 0.485) / 0.229, 5);
  });

  it('unit: x / 255', async () => {
    const expected = [10, 20, 30, 200, 100, 50].map((v) => v / 255);
    (await run('unit')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
  });

  it('raw: 0..255 unchanged', async () => {
    expect(await run('raw')).toEqual([10, 20, 30, 200, 100, 50]);
  });
});

describe('resize and batching', () => {
  it('resizes images of different sizes straight to the model input and stacks them', async () => {
    const grey = { width: 3, height: 5, data: new Uint8Array(3 * 5 * 4).fill(128) };
    const batch = preprocessBatch(tf, [twoPixels, grey], [4, 4], 'raw');
    expect(batch.shape).toEqual([2, 4, 4, 3]);
    const second = await batch.slice([1, 0, 0, 0], [1, 4, 4, 3]).data();
    expect(Array.from(second).every((v) => v === 128)).toBe(true);
    batch.dispose();
  });

  it('bilinear: upscaling 1×2 to 1×4 interpolates between the two pixels (half-pixel off, like tf.image)', async () => {
    const batch = preprocessBatch(tf, [twoPixels], [1, 4], 'raw');
    const red = Array.from(await batch.data()).filter((_, i) => i % 3 === 0);
    // alignCorners=false: source x = dst x * (2/4) → 0, 0.5, 1, 1.5 (clamped) → 10, 105, 200, 200
    expect(red).toEqual([10, 105, 200, 200]);
    batch.dispose();
  });

  it('an image already at the model size skips the resize and gives exactly what resizing to the same size gives', async () => {
    const pixels = { width: 3, height: 2, data: Uint8Array.from({ length: 24 }, (_, i) => (i * 53) % 256) };
    const fast = preprocessBatch(tf, [pixels], [2, 3], 'unit');
    const viaResize = tf.tidy(() =>
      tf.div(tf.image.resizeBilinear(tf.cast(tf.browser.fromPixels(pixels, 3), 'float32') as tf.Tensor3D, [2, 3]), 255).expandDims(0),
    );
    expect(Array.from(await fast.data())).toEqual(Array.from(await viaResize.data()));
    tf.dispose([fast, viaResize]);
  });

  it('pixels the decode worker resized give the same batch as resizing here, alone or mixed with bitmaps', async () => {
    const photo = { width: 7, height: 5, data: Uint8Array.from({ length: 7 * 5 * 4 }, (_, i) => (i * 97 + 13) % 256) };
    const resized: ResizedPixels = { kind: 'float-rgb', ...resizeRgbaToRgb(photo.data, 7, 5, 4, 3) };
    for (const mode of ['tf', 'caffe', 'torch'] as const) {
      const here = preprocessBatch(tf, [photo, twoPixels, photo], [3, 4], mode);
      const offThread = preprocessBatch(tf, [resized, twoPixels, resized], [3, 4], mode);
      const allResized = preprocessBatch(tf, [resized, resized], [3, 4], mode);
      const expected = Array.from(await here.data());
      expect(Array.from(await offThread.data())).toEqual(expected);
      const perImage = 3 * 4 * 3;
      expect(Array.from(await allResized.data())).toEqual([...expected.slice(0, perImage), ...expected.slice(2 * perImage)]);
      tf.dispose([here, offThread, allResized]);
    }
  });

  it('resizes pixels resized for another size once more, to this model input', () => {
    const resized: ResizedPixels = { kind: 'float-rgb', data: new Float32Array(2 * 2 * 3).fill(64), width: 2, height: 2 };
    const batch = preprocessBatch(tf, [resized], [5, 5], 'raw');
    expect(batch.shape).toEqual([1, 5, 5, 3]);
    expect(Array.from(batch.dataSync()).every((v) => v === 64)).toBe(true);
    batch.dispose();
  });

  it('leaves no tensors behind but the returned batch', () => {
    const before = tf.memory().numTensors;
    const batch = preprocessBatch(tf, [twoPixels, twoPixels], [8, 8], 'caffe');
    expect(tf.memory().numTensors).toBe(before + 1);
    batch.dispose();
    const resized: ResizedPixels = { kind: 'float-rgb', data: new Float32Array(8 * 8 * 3), width: 8, height: 8 };
    const fromResized = preprocessBatch(tf, [resized, resized], [8, 8], 'torch');
    expect(tf.memory().numTensors).toBe(before + 1);
    fromResized.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an empty batch', () => {
    expect(() => preprocessBatch(tf, [], [2, 2], 'tf')).toThrow(/at least one image/);
  });
});
