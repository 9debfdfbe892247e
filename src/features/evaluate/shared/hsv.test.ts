import { describe, expect, it } from 'vitest';
import { hsvToRgb, rgbToHsv } from './hsv';

describe('rgbToHsv', () => {
  it('places the primaries and greys as skimage.color.rgb2hsv does', () => {
    expect(rgbToHsv({ r: 1, g: 0, b: 0 })).toEqual({ h: 0, s: 1, v: 1 });
    expect(rgbToHsv({ r: 0, g: 1, b: 0 }).h).toBeCloseTo(1 / 3, 15);
    expect(rgbToHsv({ r: 0, g: 0, b: 1 }).h).toBeCloseTo(2 / 3, 15);
    expect(rgbToHsv({ r: 0.5, g: 0.5, b: 0.5 })).toEqual({ h: 0, s: 0, v: 0.5 });
    expect(rgbToHsv({ r: 0, g: 0, b: 0 })).toEqual({ h: 0, s: 0, v: 0 });
  });

  it('wraps a negative hue (red highest, blue above green) as Python % does', () => {
    // (G − B)/Δ = (0 − 0.5)/1 = −0.5 sixths → −1/12 → 11/12.
    expect(rgbToHsv({ r: 1, g: 0, b: 0.5 }).h).toBeCloseTo(11 / 12, 15);
  });
});

describe('hsvToRgb', () => {
  it('inverts rgbToHsv across the colour cube', () => {
    const steps = [0, 0.2, 0.45, 0.7, 1];
    for (const r of steps)
      for (const g of steps)
        for (const b of steps) {
          const back = hsvToRgb(rgbToHsv({ r, g, b }));
          expect(back.r).toBeCloseTo(r, 12);
          expect(back.g).toBeCloseTo(g, 12);
          expect(back.b).toBeCloseTo(b, 12);
        }
  });

  it('reads each sextant', () => {
    expect(hsvToRgb({ h: 0.5, s: 1, v: 1 })).toEqual({ r: 0, g: 1, b: 1 });
    expect(hsvToRgb({ h: 5 / 6, s: 1, v: 1 })).toEqual({ r: 1, g: 0, b: 1 });
  });
});
