import { describe, expect, it } from 'vitest';
import { isOpaque } from './thumbnail';

describe('isOpaque', () => {
  it('is true only when every alpha byte is 255', () => {
    const rgba = new Uint8ClampedArray(4 * 1000).fill(255);
    rgba[0] = 0; // colour bytes do not matter
    expect(isOpaque(rgba)).toBe(true);
    rgba[4 * 999 + 3] = 254; // the very last pixel
    expect(isOpaque(rgba)).toBe(false);
  });

  it('an empty image is opaque (nothing shows through)', () => {
    expect(isOpaque(new Uint8Array(0))).toBe(true);
  });
});
