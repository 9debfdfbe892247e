/**
 * RGB ↔ HSV on [0, 1] channels, as scikit-image's skimage.color.rgb2hsv / hsv2rgb compute them
 * (hue a fraction of a turn, saturation = chroma / value), because ImageNet-C's brightness
 * corruption is defined through those two functions and its severities assume their arithmetic.
 */

export interface Hsv {
  /** Fraction of a turn, [0, 1). */
  h: number;
  s: number;
  v: number;
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** skimage rgb2hsv: when channels tie for the maximum, blue's formula wins over green's over red's (they agree anyway). */
export function rgbToHsv({ r, g, b }: Rgb): Hsv {
  const v = Math.max(r, g, b);
  const delta = v - Math.min(r, g, b);
  const s = v === 0 ? 0 : delta / v;
  if (delta === 0) return { h: 0, s, v };
  let sixths: number;
  if (b === v) sixths = 4 + (r - g) / delta;
  else if (g === v) sixths = 2 + (b - r) / delta;
  else sixths = (g - b) / delta;
  // Python's % takes the divisor's sign, so a negative hue (red max, blue > green) wraps to near 1.
  // Adding 1 only when negative, as Python does, keeps the other hues bit for bit.
  const wrapped = (sixths / 6) % 1;
  return { h: wrapped < 0 ? wrapped + 1 : wrapped, s, v };
}

/** skimage hsv2rgb: the sextant of the hue picks which of v, p, q, t each channel takes. */
export function hsvToRgb({ h, s, v }: Hsv): Rgb {
  const sextant = Math.floor(h * 6);
  const f = h * 6 - sextant;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (((sextant % 6) + 6) % 6) {
    case 0:
      return { r: v, g: t, b: p };
    case 1:
      return { r: q, g: v, b: p };
    case 2:
      return { r: p, g: v, b: t };
    case 3:
      return { r: p, g: q, b: v };
    case 4:
      return { r: t, g: p, b: v };
    default:
      return { r: v, g: p, b: q };
  }
}
