import { describe, expect, it } from 'vitest';
import { bytesToFloatRgb, corruptFloatRgb, floatRgbToBytes, imageSeed, isActiveCorruption, rgbToRgba } from './corruptModelInput';
import { corruptImage } from './corruptions';

describe('float RGB ↔ bytes', () => {
  it('rounds to the nearest byte (ties to even) and clamps', () => {
    const bytes = floatRgbToBytes({ data: Float32Array.from([0.4, 0.6, 1.5, 2.5, 254.7, 300, -3, 127.49, 128]), width: 3, height: 1 });
    expect([...bytes.data]).toEqual([0, 1, 2, 2, 255, 255, 0, 127, 128]);
    expect([bytes.width, bytes.height]).toEqual([3, 1]);
  });

  it('comes back as float RGB, exactly, from RGB or RGBA bytes', () => {
    const rgb = { data: Uint8ClampedArray.from([1, 2, 3, 250, 251, 252]), width: 2, height: 1 };
    expect([...bytesToFloatRgb(rgb).data]).toEqual([1, 2, 3, 250, 251, 252]);
    const rgba = rgbToRgba(rgb);
    expect([...rgba.data]).toEqual([1, 2, 3, 255, 250, 251, 252, 255]);
    expect([...bytesToFloatRgb(rgba).data]).toEqual([1, 2, 3, 250, 251, 252]);
  });

  it('refuses bytes of the wrong length', () => {
    expect(() => bytesToFloatRgb({ data: new Uint8ClampedArray(5), width: 2, height: 1 })).toThrow(RangeError);
  });
});

describe('imageSeed', () => {
  it('is the same for the same run seed and name', () => {
    expect(imageSeed(42, 'folder/n01440764/a.jpg')).toBe(imageSeed(42, 'folder/n01440764/a.jpg'));
  });

  it('differs across names and across run seeds, and is an unsigned 32-bit integer', () => {
    const seeds = new Set<number>();
    for (const run of [0, 1, 2]) for (const name of ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']) seeds.add(imageSeed(run, name));
    expect(seeds.size).toBe(12);
    for (const seed of seeds) expect(seed >>> 0).toBe(seed);
  });
});

describe('corruptFloatRgb', () => {
  const pixels = { data: Float32Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37.3) % 256), width: 4, height: 4 };

  it('is the byte corruption of the rounded pixels', () => {
    const out = corruptFloatRgb(pixels, 'contrast', 3, 9);
    const expected = corruptImage(floatRgbToBytes(pixels), 'contrast', 3, 9);
    expect([...out.data]).toEqual([...expected.data]);
  });

  it('at severity 0 returns the clean float pixels themselves, not rounded', () => {
    expect(corruptFloatRgb(pixels, 'noise', 0, 9)).toBe(pixels);
  });

  it('counts severity 0 and no spec as clean, and checks the range', () => {
    expect(isActiveCorruption(undefined)).toBe(false);
    expect(isActiveCorruption({ kind: 'jpeg', severity: 0, seed: 0 })).toBe(false);
    expect(isActiveCorruption({ kind: 'jpeg', severity: 1, seed: 0 })).toBe(true);
    expect(() => isActiveCorruption({ kind: 'jpeg', severity: 1.5, seed: 0 })).toThrow(RangeError);
  });
});
