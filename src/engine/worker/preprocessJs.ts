/**
 * The other way to preprocess, for the benchmark's method comparison: resize with a 2D canvas and
 * normalise in a plain JS loop on the CPU, then upload one finished Float32Array as the batch.
 * preprocess.ts does the same work as TF.js ops on the active backend. Both follow the same
 * PreprocessingMode arithmetic; only where (and how fast) it runs differs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingMode } from '@/shared/models/catalog';
import { assertNever } from '@/shared/assertNever';
import { CAFFE_MEAN_BGR, TORCH_MEAN, TORCH_STD, type PixelSource } from './preprocess';

type TF = typeof tfTypes;

/**
 * Writes `pixels` (RGBA, 0..255, 4 values per pixel) as normalised RGB (or BGR for caffe) floats
 * into `out` from `offset`, 3 values per pixel: the JS twin of preprocess.normalize.
 */
export function normalizeRgbaInto(rgba: ArrayLike<number>, out: Float32Array, offset: number, mode: PreprocessingMode): void {
  const pixels = Math.floor(rgba.length / 4);
  const [mr, mg, mb] = TORCH_MEAN;
  const [sr, sg, sb] = TORCH_STD;
  for (let p = 0, o = offset; p < pixels; p += 1, o += 3) {
    const r = rgba[p * 4] ?? 0;
    const g = rgba[p * 4 + 1] ?? 0;
    const b = rgba[p * 4 + 2] ?? 0;
    switch (mode) {
      case 'tf':
        out[o] = r / 127.5 - 1;
        out[o + 1] = g / 127.5 - 1;
        out[o + 2] = b / 127.5 - 1;
        break;
      case 'caffe':
        out[o] = b - CAFFE_MEAN_BGR[0];
        out[o + 1] = g - CAFFE_MEAN_BGR[1];
        out[o + 2] = r - CAFFE_MEAN_BGR[2];
        break;
      case 'torch':
        out[o] = (r / 255 - mr) / sr;
        out[o + 1] = (g / 255 - mg) / sg;
        out[o + 2] = (b / 255 - mb) / sb;
        break;
      case 'unit':
        out[o] = r / 255;
        out[o + 1] = g / 255;
        out[o + 2] = b / 255;
        break;
      case 'raw':
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
        break;
      default:
        assertNever(mode, 'preprocessing mode');
    }
  }
}

/** Reads a source's pixels resized to width × height, as RGBA bytes. */
export type RgbaReader = (source: PixelSource, width: number, height: number) => ArrayLike<number>;

/** The browser's way: draw onto a reused 2D canvas (the browser resamples) and read it back. */
export function canvasReader(): RgbaReader {
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  return (source, width, height) => {
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) throw new Error('OffscreenCanvas 2D context is unavailable in this worker');
    if (source instanceof ImageBitmap || source instanceof OffscreenCanvas) {
      context.drawImage(source, 0, 0, width, height);
    } else if (source instanceof ImageData) {
      // putImageData cannot scale: benchmark sources are bitmaps, so only exact sizes land here.
      context.putImageData(source, 0, 0);
    } else {
      context.putImageData(new ImageData(Uint8ClampedArray.from(source.data), source.width, source.height), 0, 0);
    }
    return context.getImageData(0, 0, width, height).data;
  };
}

/**
 * JS preprocessing of a whole batch into one tensor [N, height, width, 3]. `scratch` is reused
 * between calls (TF.js copies or consumes it before the next call; the caller disposes the tensor).
 */
export function preprocessBatchJs(
  tf: TF,
  sources: readonly PixelSource[],
  size: readonly [number, number],
  mode: PreprocessingMode,
  read: RgbaReader,
  scratch: { buffer: Float32Array | null },
): tfTypes.Tensor4D {
  const [height, width] = size;
  const perImage = height * width * 3;
  const length = perImage * sources.length;
  if (!scratch.buffer || scratch.buffer.length !== length) scratch.buffer = new Float32Array(length);
  sources.forEach((source, i) => normalizeRgbaInto(read(source, width, height), scratch.buffer as Float32Array, i * perImage, mode));
  return tf.tensor4d(scratch.buffer, [sources.length, height, width, 3]);
}
