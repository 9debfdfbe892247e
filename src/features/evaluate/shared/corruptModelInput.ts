/**
 * A classify request's optional corruption (Evaluate's robustness passes), and the pure steps that
 * apply it to an image already at the model's input size: the decode worker's pixels are float RGB
 * 0..255 there, while the ImageNet-C formulas (./corruptions) work on bytes. So the pixels are
 * rounded to bytes, corrupted, and turned back to float. Severity 0 is not a corruption at all:
 * the clean float pixels go through untouched, so a severity-0 pass scores exactly the clean figures.
 */
import type { FloatRgb } from '@/shared/images/resizeBilinear';
import { type CorruptionKind, corruptImage, MAX_SEVERITY, type PixelCorruptionKind, type PixelImage } from './corruptions';
import { seedFromString } from './seededRandom';

/** What a classify request asks for: one kind at one severity (0..5), seeded per run. */
export interface CorruptionSpec {
  kind: CorruptionKind;
  severity: number;
  /** The run's seed; each image mixes in its own name (imageSeed), so images do not share one noise pattern. */
  seed: number;
}

/** True when the spec changes pixels: severity 1..5. Severity 0 (or no spec) is the clean pass. */
export function isActiveCorruption(spec: CorruptionSpec | undefined): spec is CorruptionSpec {
  if (!spec) return false;
  if (!Number.isInteger(spec.severity) || spec.severity < 0 || spec.severity > MAX_SEVERITY) {
    throw new RangeError(`corruption severity must be a whole number 0..${MAX_SEVERITY} (got ${spec.severity})`);
  }
  return spec.severity > 0;
}

/**
 * murmur3's 32-bit finaliser (A. Appleby, MurmurHash3 fmix32): every input bit flips each output
 * bit with probability about ½, so neighbouring run seeds give unrelated image seeds.
 */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of one image in a run: the run's seed mixed with its name's hash. The name is what the
 * request carries (Evaluate sends the folder-relative path), so the page and `npm run eval --data`
 * corrupt the same file the same way.
 */
export function imageSeed(runSeed: number, name: string): number {
  return fmix32((runSeed >>> 0) ^ Math.imul(seedFromString(name), 0x9e3779b1));
}

/**
 * Float RGB (0..255) to RGB bytes: rounded to the nearest value and clamped, as a
 * Uint8ClampedArray stores it (ties to even), which is what a canvas would hold for these pixels.
 */
export function floatRgbToBytes({ data, width, height }: FloatRgb): PixelImage {
  return { data: Uint8ClampedArray.from(data), width, height };
}

/** RGB or RGBA bytes back to float RGB at the same size (alpha dropped). */
export function bytesToFloatRgb({ data, width, height }: PixelImage): FloatRgb {
  const pixels = width * height;
  const channels = data.length === pixels * 4 ? 4 : 3;
  if (data.length !== pixels * channels) throw new RangeError(`${data.length} bytes is neither RGB nor RGBA for ${width}×${height}`);
  const out = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    out[p * 3] = data[p * channels] ?? 0;
    out[p * 3 + 1] = data[p * channels + 1] ?? 0;
    out[p * 3 + 2] = data[p * channels + 2] ?? 0;
  }
  return { data: out, width, height };
}

/** RGB bytes to opaque RGBA, the layout ImageData (and so a canvas, for JPEG) needs. */
export function rgbToRgba({ data, width, height }: PixelImage): PixelImage {
  const pixels = width * height;
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    out[p * 4] = data[p * 3] ?? 0;
    out[p * 4 + 1] = data[p * 3 + 1] ?? 0;
    out[p * 4 + 2] = data[p * 3 + 2] ?? 0;
    out[p * 4 + 3] = 255;
  }
  return { data: out, width, height };
}

/** A pixel corruption (not JPEG, which needs the browser's encoder) applied to model-input pixels. */
export function corruptFloatRgb(pixels: FloatRgb, kind: PixelCorruptionKind, severity: number, seed: number): FloatRgb {
  if (severity === 0) return pixels;
  return bytesToFloatRgb(corruptImage(floatRgbToBytes(pixels), kind, severity, seed));
}
