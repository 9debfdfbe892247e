/**
 * Separable Gaussian blur of interleaved 8-bit pixels, as ImageNet-C's gaussian_blur gets it from
 * skimage.filters.gaussian with its defaults: mode 'nearest' (edges clamped, "a a | a b c | c c"),
 * truncate 4.0, so the kernel radius is round(4σ) as in scipy.ndimage's _gaussian_kernel1d, and
 * the weights are exp(−x²/2σ²) normalised to sum 1. Only the colour channels are blurred; alpha is
 * copied. The weights use portableExp so that the bytes do not depend on the engine's Math.exp.
 */
import { portableExp } from './portableMath';

/** Weights for offsets −radius..radius, summing to 1. */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`sigma must be positive (got ${sigma})`);
  const radius = Math.floor(4 * sigma + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let offset = -radius; offset <= radius; offset++) {
    const weight = portableExp((-0.5 * offset * offset) / (sigma * sigma));
    weights[offset + radius] = weight;
    sum += weight;
  }
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / sum;
  return weights;
}

const clampIndex = (i: number, size: number): number => (i < 0 ? 0 : i >= size ? size - 1 : i);

/** Interleaved pixels hold three colour channels (then alpha, which is never blurred). */
const COLOUR_CHANNELS = 3;

/**
 * One pass along rows (step = channels) or columns (step = width·channels): `lineCount` lines of
 * `lineLength` pixels, each line starting `lineStride` samples after the previous one.
 */
function convolveLines(
  source: Float64Array,
  target: Float64Array,
  kernel: Float64Array,
  geometry: { lineCount: number; lineLength: number; lineStride: number; step: number },
): void {
  const radius = (kernel.length - 1) / 2;
  const { lineCount, lineLength, lineStride, step } = geometry;
  for (let line = 0; line < lineCount; line++) {
    const lineStart = line * lineStride;
    for (let position = 0; position < lineLength; position++) {
      for (let channel = 0; channel < COLOUR_CHANNELS; channel++) {
        let total = 0;
        for (let k = 0; k < kernel.length; k++) {
          const at = lineStart + clampIndex(position + k - radius, lineLength) * step + channel;
          total += (kernel[k] ?? 0) * (source[at] ?? 0);
        }
        target[lineStart + position * step + channel] = total;
      }
    }
  }
}

/**
 * Blurs `pixels` (RGB or RGBA, `channels` per pixel) with a Gaussian of standard deviation `sigma`
 * pixels. ImageNet-C's σ are for 224×224 images, so blur after resizing to the model's input: the
 * cost is width·height·(8σ + 1)·6 multiply-adds, about 15 million at 224² and σ = 6.
 */
export function gaussianBlurPixels(pixels: Uint8ClampedArray, width: number, height: number, channels: 3 | 4, sigma: number): Uint8ClampedArray {
  const kernel = gaussianKernel(sigma);
  const source = Float64Array.from(pixels);
  const horizontal = new Float64Array(source.length);
  const rowStride = width * channels;
  convolveLines(source, horizontal, kernel, { lineCount: height, lineLength: width, lineStride: rowStride, step: channels });
  const vertical = new Float64Array(source.length);
  convolveLines(horizontal, vertical, kernel, { lineCount: width, lineLength: height, lineStride: channels, step: rowStride });
  // Uint8ClampedArray clamps to 0..255 and rounds half to even, both fixed by the spec.
  const out = Uint8ClampedArray.from(vertical);
  if (channels === 4) for (let i = 3; i < out.length; i += 4) out[i] = pixels[i] ?? 0;
  return out;
}
