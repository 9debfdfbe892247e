import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resizeRgbaToRgb } from './resizeBilinear';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Deterministic RGBA noise (a small LCG), alpha varying too so dropping it is tested. */
function noise(width: number, height: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < bytes.length; i += 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** What the TF.js path computes: fromPixels (RGB) → float → resizeBilinear, on the cpu backend. */
function tfResize(rgba: Uint8Array, width: number, height: number, newWidth: number, newHeight: number): Float32Array {
  return tf.tidy(() => {
    const pixels = tf.browser.fromPixels({ data: rgba, width, height }, 3);
    return tf.image.resizeBilinear(tf.cast(pixels, 'float32') as tf.Tensor3D, [newHeight, newWidth]).dataSync() as Float32Array;
  });
}

describe('resizeRgbaToRgb', () => {
  it.each([
    [500, 375, 224, 224],
    [37, 211, 224, 224],
    [224, 224, 224, 224],
    [1024, 683, 299, 299],
    [3, 2, 7, 5],
    [1, 1, 4, 4],
  ])('matches tf.image.resizeBilinear on cpu bit for bit: %i×%i → %i×%i', (width, height, newWidth, newHeight) => {
    const rgba = noise(width, height, width * 31 + height);
    const ours = resizeRgbaToRgb(rgba, width, height, newWidth, newHeight);
    expect(ours.width).toBe(newWidth);
    expect(ours.height).toBe(newHeight);
    expect(ours.data.length).toBe(newWidth * newHeight * 3);
    const theirs = tfResize(rgba, width, height, newWidth, newHeight);
    let mismatches = 0;
    for (let i = 0; i < theirs.length; i += 1) if (ours.data[i] !== theirs[i]) mismatches += 1;
    expect(mismatches).toBe(0);
  });

  it('interpolates between known pixels and drops alpha', () => {
    // One row: black, then white; halfway between them is 127.5 in every channel.
    const rgba = new Uint8Array([0, 0, 0, 9, 255, 255, 255, 200]);
    const { data } = resizeRgbaToRgb(rgba, 2, 1, 4, 1);
    // Output column c samples source x = c · 2/4: 0, 0.5, 1, 1.5 (clamped to the last pixel).
    expect(Array.from(data)).toEqual([0, 0, 0, 127.5, 127.5, 127.5, 255, 255, 255, 255, 255, 255]);
  });

  it('refuses sizes it cannot honour rather than reading past the bytes', () => {
    expect(() => resizeRgbaToRgb(new Uint8Array(16), 2, 2, 0, 4)).toThrow(RangeError);
    expect(() => resizeRgbaToRgb(new Uint8Array(8), 2, 2, 4, 4)).toThrow(/too few/);
  });
});
