import { describe, expect, it } from 'vitest';
import { CORRUPTION_KINDS, type CorruptionKind, corruptImage, JPEG_QUALITY, type PixelCorruptionKind, type PixelImage } from './corruptions';
import { seedFromString } from './seededRandom';

const PIXEL_KINDS: readonly PixelCorruptionKind[] = ['noise', 'blur', 'brightness', 'contrast'];

/** A 16×12 image with some structure, RGB or RGBA (alpha varies so that touching it would show). */
function testImage(channels: 3 | 4, width = 16, height = 12): PixelImage {
  const data = new Uint8ClampedArray(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      data.set([(x * 16) % 256, (y * 20) % 256, ((x + y) * 9) % 256], i);
      if (channels === 4) data[i + 3] = (x * 13 + y * 7) % 256;
    }
  return { data, width, height };
}

const rgb = (...pixels: [number, number, number][]): PixelImage => ({ data: Uint8ClampedArray.from(pixels.flat()), width: pixels.length, height: 1 });

describe('corruption tables', () => {
  it('lists the five kinds and ImageNet-C JPEG qualities', () => {
    expect(CORRUPTION_KINDS).toEqual(['noise', 'blur', 'jpeg', 'brightness', 'contrast']);
    expect(JPEG_QUALITY).toEqual([25, 18, 15, 10, 7]);
    const kind: CorruptionKind = 'jpeg';
    expect(CORRUPTION_KINDS).toContain(kind);
  });
});

describe('corruptImage', () => {
  it('returns an identical copy at severity 0, never the input itself', () => {
    for (const kind of PIXEL_KINDS) {
      const image = testImage(4);
      const out = corruptImage(image, kind, 0, 99);
      expect(out.data).not.toBe(image.data);
      expect([...out.data]).toEqual([...image.data]);
      expect([out.width, out.height]).toEqual([16, 12]);
    }
  });

  it('never writes the input and never touches alpha', () => {
    for (const kind of PIXEL_KINDS)
      for (let severity = 1; severity <= 5; severity++) {
        const image = testImage(4);
        const before = [...image.data];
        const out = corruptImage(image, kind, severity, 3);
        expect([...image.data]).toEqual(before);
        for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(image.data[i]);
      }
  });

  it('noise: the same seed gives the same bytes, another seed other bytes', () => {
    const image = testImage(3);
    const a = corruptImage(image, 'noise', 3, 42);
    expect([...corruptImage(image, 'noise', 3, 42).data]).toEqual([...a.data]);
    expect([...corruptImage(image, 'noise', 3, 43).data]).not.toEqual([...a.data]);
    // Pinned so that a change to the generator or the arithmetic shows here: these bytes are the contract.
    // Pixels 100–102 were (64, 120, 90), (80, 120, 99), (96, 120, 108); σ = 0.18 · 255 ≈ 46 at severity 3.
    expect([...a.data.slice(300, 309)]).toEqual([31, 109, 53, 67, 169, 89, 97, 112, 60]);
    expect(seedFromString([...a.data].join(','))).toBe(2933449416);
  });

  it('noise: spreads a mid grey by about c·255 (severity 1: σ = 0.08 · 255 = 20.4)', () => {
    const grey: PixelImage = { data: new Uint8ClampedArray(64 * 64 * 3).fill(128), width: 64, height: 64 };
    const deltas = [...corruptImage(grey, 'noise', 1, 1).data].map((v) => v - 128);
    const mean = deltas.reduce((sum, d) => sum + d, 0) / deltas.length;
    const std = Math.sqrt(deltas.reduce((sum, d) => sum + (d - mean) ** 2, 0) / deltas.length);
    expect(Math.abs(mean)).toBeLessThan(0.6);
    expect(Math.abs(std - 20.4)).toBeLessThan(0.6);
  });

  it('blur: a constant image stays constant', () => {
    const flat: PixelImage = { data: new Uint8ClampedArray(20 * 10 * 3).fill(90), width: 20, height: 10 };
    expect([...corruptImage(flat, 'blur', 5).data].every((v) => v === 90)).toBe(true);
  });

  it('brightness: adds c to HSV value, keeping hue and saturation (worked by hand)', () => {
    // Severity 2, c = 0.2 (51 in bytes). (200, 120, 40): V = 200/255, S = 160/200 = 0.8, hue 1/12 so f = 0.5.
    // V' = 251/255: R = V' → 251; B = V'(1 − S) = 50.2 → 50; G = V'(1 − (1 − f)S) = 251 · 0.6 = 150.6 → 151.
    // (250, 10, 10): V' clips to 1, S = 0.96 → (255, 10.2, 10.2) → (255, 10, 10). Black: S = 0, V' = 0.2 → 51 each.
    // (250, 30, 60): red highest, hue −1/30 of a turn wraps to 29/30; S = 0.88 → (255, 30.6, 61.2) → (255, 31, 61).
    const out = corruptImage(rgb([200, 120, 40], [250, 10, 10], [0, 0, 0], [250, 30, 60]), 'brightness', 2);
    expect([...out.data]).toEqual([251, 151, 50, 255, 10, 10, 51, 51, 51, 255, 31, 61]);
    // Severity 4, c = 0.4: grey 128 → 128 + 102 = 230; (40, 200, 120): V' clips to 1, S = 0.8, f = 0.5 → (51, 255, 153).
    expect([...corruptImage(rgb([128, 128, 128], [40, 200, 120]), 'brightness', 4).data]).toEqual([230, 230, 230, 51, 255, 153]);
  });

  it('contrast: pulls each channel toward its own mean by c (worked by hand)', () => {
    // Severity 1, c = 0.4. Means per channel: R (0 + 200)/2 = 100, G 50, B 25 (as in np.mean(x, axis=(0, 1))).
    // Pixel 1: (0 − 100)·0.4 + 100 = 60, (0 − 50)·0.4 + 50 = 30, 15. Pixel 2: 100·0.4 + 100 = 140, 70, 35.
    expect([...corruptImage(rgb([0, 0, 0], [200, 100, 50]), 'contrast', 1).data]).toEqual([60, 30, 15, 140, 70, 35]);
    // The same pixels with alpha: alpha plays no part in the means.
    const rgba: PixelImage = { data: Uint8ClampedArray.from([0, 0, 0, 7, 200, 100, 50, 250]), width: 2, height: 1 };
    expect([...corruptImage(rgba, 'contrast', 1).data]).toEqual([60, 30, 15, 7, 140, 70, 35, 250]);
    // Severity 5, c = 0.05: 100 ± 100·0.05 = 95 and 105.
    expect([...corruptImage(rgb([0, 0, 0], [200, 100, 50]), 'contrast', 5).data].slice(0, 1)).toEqual([95]);
  });

  it('refuses what it cannot do', () => {
    const image = testImage(3);
    expect(() => corruptImage(image, 'noise', 6)).toThrow(/0..5/);
    expect(() => corruptImage(image, 'noise', 1.5)).toThrow(/whole number/);
    expect(() => corruptImage({ ...image, width: 15 }, 'blur', 1)).toThrow(/neither RGB nor RGBA/);
    // 'jpeg' is the browser encoder's job; a caller that slips it past the types learns so.
    expect(() => corruptImage(image, 'jpeg' as PixelCorruptionKind, 1)).toThrow(/corruption kind: "jpeg"/);
  });

  it('handles an empty image', () => {
    for (const kind of PIXEL_KINDS) expect(corruptImage({ data: new Uint8ClampedArray(0), width: 0, height: 0 }, kind, 3).data.length).toBe(0);
  });
});
