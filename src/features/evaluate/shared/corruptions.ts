/**
 * Image corruptions for Evaluate's robustness check, following ImageNet-C (D. Hendrycks &
 * T. Dietterich 2019, "Benchmarking Neural Network Robustness to Common Corruptions and
 * Perturbations", ICLR; their imagenet_c/corruptions.py): the same formulas and severity tables,
 * so "accuracy under noise at severity 3" means what it means in the paper. Deterministic: the same
 * pixels, kind, severity and seed give the same bytes on every run and engine (see ./seededRandom).
 * JPEG is a kind but not done here: the page's own encoder does it, at JPEG_QUALITY.
 *
 * Where this differs from the reference: values are rounded to the nearest byte (Uint8ClampedArray)
 * where make_imagenet_c.py truncates with np.uint8; the released dataset was also saved as JPEG at
 * quality 85, which is not repeated here; and alpha, which ImageNet-C never has, is left alone.
 * The reference corrupts 224×224 centre crops, so corrupt after resizing to the model's input.
 */
import { assertNever } from '@/shared/assertNever';
import { gaussianBlurPixels } from './gaussianBlur';
import { hsvToRgb, rgbToHsv } from './hsv';
import { normalSource } from './seededRandom';

export const CORRUPTION_KINDS = ['noise', 'blur', 'jpeg', 'brightness', 'contrast'] as const;
export type CorruptionKind = (typeof CORRUPTION_KINDS)[number];
/** The kinds done on pixels here; 'jpeg' goes through the browser's encoder. */
export type PixelCorruptionKind = Exclude<CorruptionKind, 'jpeg'>;

/** Severities run 1..5 as in ImageNet-C; 0 means "uncorrupted", the baseline row. */
export const MAX_SEVERITY = 5;

/** Per severity 1..5, from corruptions.py. Noise: σ on [0, 1] pixels. */
export const NOISE_SCALE = [0.08, 0.12, 0.18, 0.26, 0.38] as const;
/** Gaussian blur σ, pixels (of a 224×224 image). */
export const BLUR_SIGMA = [1, 2, 3, 4, 6] as const;
/** Added to HSV value, on [0, 1]. */
export const BRIGHTNESS_SHIFT = [0.1, 0.2, 0.3, 0.4, 0.5] as const;
/** Factor on the distance from the channel mean. */
export const CONTRAST_FACTOR = [0.4, 0.3, 0.2, 0.1, 0.05] as const;
/** JPEG quality (PIL's 1..95 scale) per severity; the encoder takes quality / 100. */
export const JPEG_QUALITY = [25, 18, 15, 10, 7] as const;

/** Interleaved 8-bit pixels, RGB or RGBA; ImageData has this shape. */
export interface PixelImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const clampUnit = (x: number): number => Math.min(1, Math.max(0, x));

function channelsOf({ data, width, height }: PixelImage): 3 | 4 {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`image size ${width}×${height} is not whole pixels`);
  }
  const pixels = width * height;
  if (data.length === pixels * 4) return 4;
  if (data.length === pixels * 3) return 3;
  throw new RangeError(`${data.length} bytes is neither RGB nor RGBA for ${width}×${height}`);
}

/** The severity's entry of a table; severity must already be checked to be 1..5. */
const atSeverity = (table: readonly number[], severity: number): number => table[severity - 1] ?? 0;

/** gaussian_noise: x + N(0, c²) per colour sample, on [0, 1], clipped. Samples drawn in pixel order, R, G, B. */
function addGaussianNoise(data: Uint8ClampedArray, channels: 3 | 4, scale: number, seed: number): Uint8ClampedArray {
  const out = Uint8ClampedArray.from(data);
  const normal = normalSource(seed);
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < 3; c++) out[i + c] = clampUnit((data[i + c] ?? 0) / 255 + scale * normal()) * 255;
  }
  return out;
}

/** brightness: through HSV, V + c clipped to [0, 1], back to RGB. */
function shiftBrightness(data: Uint8ClampedArray, channels: 3 | 4, shift: number): Uint8ClampedArray {
  const out = Uint8ClampedArray.from(data);
  for (let i = 0; i < data.length; i += channels) {
    const hsv = rgbToHsv({ r: (data[i] ?? 0) / 255, g: (data[i + 1] ?? 0) / 255, b: (data[i + 2] ?? 0) / 255 });
    const { r, g, b } = hsvToRgb({ ...hsv, v: clampUnit(hsv.v + shift) });
    out[i] = clampUnit(r) * 255;
    out[i + 1] = clampUnit(g) * 255;
    out[i + 2] = clampUnit(b) * 255;
  }
  return out;
}

/**
 * contrast: (x − m)·c + m, clipped. The reference takes m per colour channel over the whole image
 * (np.mean(x, axis=(0, 1))), so a tinted image keeps its tint while its contrast drops.
 */
function reduceContrast(data: Uint8ClampedArray, channels: 3 | 4, factor: number): Uint8ClampedArray {
  const out = Uint8ClampedArray.from(data);
  const pixelCount = data.length / channels;
  if (pixelCount === 0) return out;
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += channels) for (let c = 0; c < 3; c++) sums[c] = (sums[c] ?? 0) + (data[i + c] ?? 0) / 255;
  const means = sums.map((sum) => sum / pixelCount);
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < 3; c++) {
      const mean = means[c] ?? 0;
      out[i + c] = clampUnit(((data[i + c] ?? 0) / 255 - mean) * factor + mean) * 255;
    }
  }
  return out;
}

/**
 * `image` corrupted by `kind` at `severity` (0..5; 0 returns an identical copy). The seed only
 * matters for noise; give each image its own (seedFromString of its path, say) so that images do
 * not all carry the same noise pattern. Always a new array; the input is never written.
 */
export function corruptImage(image: PixelImage, kind: PixelCorruptionKind, severity: number, seed = 0): PixelImage {
  if (!Number.isInteger(severity) || severity < 0 || severity > MAX_SEVERITY) {
    throw new RangeError(`severity must be a whole number 0..${MAX_SEVERITY} (got ${severity})`);
  }
  const channels = channelsOf(image);
  const { data, width, height } = image;
  if (severity === 0) return { data: Uint8ClampedArray.from(data), width, height };
  switch (kind) {
    case 'noise':
      return { data: addGaussianNoise(data, channels, atSeverity(NOISE_SCALE, severity), seed), width, height };
    case 'blur':
      return { data: gaussianBlurPixels(data, width, height, channels, atSeverity(BLUR_SIGMA, severity)), width, height };
    case 'brightness':
      return { data: shiftBrightness(data, channels, atSeverity(BRIGHTNESS_SHIFT, severity)), width, height };
    case 'contrast':
      return { data: reduceContrast(data, channels, atSeverity(CONTRAST_FACTOR, severity)), width, height };
    default:
      return assertNever(kind, 'corruption kind');
  }
}
