import { describe, expect, it } from 'vitest';
import { gaussianBlurPixels, gaussianKernel } from './gaussianBlur';

describe('gaussianKernel', () => {
  it('reaches round(4σ) either side and sums to 1', () => {
    for (const sigma of [1, 2, 3, 4, 6, 0.7]) {
      const kernel = gaussianKernel(sigma);
      expect(kernel.length).toBe(2 * Math.floor(4 * sigma + 0.5) + 1);
      expect(kernel.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 14);
    }
    // σ = 1: weights e^(−x²/2) for x = −4..4 sum to 1 + 2(0.606531 + 0.135335 + 0.011109 + 0.000335) = 2.506621.
    expect(gaussianKernel(1)[4]).toBeCloseTo(1 / 2.506621, 6);
    expect(() => gaussianKernel(0)).toThrow(RangeError);
  });
});

describe('gaussianBlurPixels', () => {
  it('spreads a lone white dot as the kernel says (σ = 1)', () => {
    // Centre 255·w₀² = 255 · 0.398942² = 40.58 → 41; beside it 255·w₀w₁ = 255 · 0.398942 · 0.241971 = 24.62 → 25;
    // diagonally 255·w₁² = 14.93 → 15 (w₁ = 0.606531 / 2.506621).
    const dot = new Uint8ClampedArray(9 * 9 * 3);
    dot.fill(255, (4 * 9 + 4) * 3, (4 * 9 + 4) * 3 + 3);
    const out = gaussianBlurPixels(dot, 9, 9, 3, 1);
    const at = (x: number, y: number) => out[(y * 9 + x) * 3];
    expect([at(4, 4), at(5, 4), at(4, 5), at(5, 5), at(0, 0)]).toEqual([41, 25, 25, 15, 0]);
  });

  it('gives the bytes of scipy.ndimage.gaussian_filter(mode="nearest", truncate=4), which skimage wraps (σ = 2, 5×4 RGB)', () => {
    // Input drawn by numpy.random.default_rng(7).integers(0, 256, (4, 5, 3)); expected = np.rint of the filter × 255.
    const input = [
      241, 160, 175, 229, 148, 198, 213, 57, 14, 76, 72, 223, 233, 1, 127, 210, 33, 204, 30, 119, 209, 77, 87, 71, 184, 65, 253, 113, 122, 129, 149, 141, 130,
      254, 206, 202, 179, 159, 87, 253, 119, 55, 216, 41, 219, 156, 29, 11, 113, 9, 36, 131, 248, 119, 206, 234, 210, 161, 112, 131,
    ];
    const expected = [
      199, 116, 151, 191, 108, 147, 184, 95, 144, 183, 80, 143, 186, 64, 143, 186, 107, 136, 180, 107, 137, 177, 102, 139, 177, 93, 142, 180, 81, 145, 174, 98,
      115, 171, 106, 122, 170, 110, 130, 172, 107, 138, 175, 99, 144, 163, 88, 91, 163, 104, 104, 164, 116, 120, 168, 120, 133, 171, 115, 142,
    ];
    expect([...gaussianBlurPixels(Uint8ClampedArray.from(input), 5, 4, 3, 2)]).toEqual(expected);
  });

  it('leaves a constant image constant, edges included, and never blurs alpha', () => {
    const width = 17;
    const height = 9;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < rgba.length; i += 4) rgba.set([10, 200, 77, i % 256], i);
    const out = gaussianBlurPixels(rgba, width, height, 4, 6);
    expect([...out]).toEqual([...rgba]);
  });
});
