/**
 * Pixels → model input, entirely in TF.js ops on the active backend (so on a GPU backend the
 * resize and normalisation run as shaders next to the model). Mirrors keras.applications'
 * preprocess_input modes; see PreprocessingMode in shared/models/catalog.ts.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingMode } from '@/shared/models/catalog';
import { assertNever } from '@/shared/assertNever';
import { bitmapPixels } from '@/engine/decode/decode';
import type { FloatRgb } from '@/shared/images/resizeBilinear';
import { centerCropBox } from '@/shared/images/centerCrop';
import type { CenterCrop } from '@/engine/shared/types';

type TF = typeof tfTypes;
type Tensor4D = tfTypes.Tensor4D;

/** Keras "caffe" mode means, in BGR order (ImageNet training-set channel means). */
export const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68] as const;
/** Keras "torch" mode: ImageNet mean / std, RGB order, on [0,1] pixels. */
export const TORCH_MEAN = [0.485, 0.456, 0.406] as const;
export const TORCH_STD = [0.229, 0.224, 0.225] as const;

/** Anything tf.browser.fromPixels accepts in a worker (PixelData covers tests in Node). */
export type PixelSource = ImageBitmap | ImageData | OffscreenCanvas | { data: Uint8Array; width: number; height: number };

/** Pixels already resized off this thread (the decode worker): float RGB, 0..255, not yet normalised. */
export interface ResizedPixels extends FloatRgb {
  kind: 'float-rgb';
}

/** What the classify path hands preprocessBatch: pixels to resize here, or pixels resized already. */
export type ModelPixels = PixelSource | ResizedPixels;

const isResized = (source: ModelPixels): source is ResizedPixels => 'kind' in source && source.kind === 'float-rgb';

/** Normalises a float RGB batch with values in 0..255. Call inside tf.tidy. */
export function normalize(tf: TF, rgb: Tensor4D, mode: PreprocessingMode): Tensor4D {
  switch (mode) {
    case 'tf':
      return tf.sub(tf.div(rgb, 127.5), 1);
    case 'caffe':
      return tf.sub(tf.reverse(rgb, -1), tf.tensor1d([...CAFFE_MEAN_BGR]));
    case 'torch':
      return tf.div(tf.sub(tf.div(rgb, 255), tf.tensor1d([...TORCH_MEAN])), tf.tensor1d([...TORCH_STD]));
    case 'unit':
      return tf.div(rgb, 255);
    case 'raw':
      return rgb;
    default:
      return assertNever(mode, 'preprocessing mode');
  }
}

/**
 * tfjs-backend-webgpu 4.22 turns an ImageBitmap into numbers in a shader with floor(255·v), one
 * below the true byte wherever 255·v lands a hair under an integer: measured on MobileNetV2, max
 * |Δp| 2.0e-3 against cpu over 32 images. Its ImageData path uploads the bytes as they are, so on
 * webgpu bitmaps are read into ImageData first. Here, so every caller (classify, compare,
 * benchmark) gets the same exact pixels.
 */
function exactPixels(tf: TF, source: PixelSource): PixelSource {
  if (tf.getBackend() !== 'webgpu' || typeof ImageBitmap === 'undefined') return source;
  return source instanceof ImageBitmap ? bitmapPixels(source) : source;
}

/** One image at the model's input: resized straight to it, or (centerCrop) its shorter side resized, then its centre cut out. */
function fitToInput(tf: TF, float: tfTypes.Tensor3D, size: readonly [number, number], centerCrop: CenterCrop | undefined): tfTypes.Tensor3D {
  const [height, width] = size;
  if (centerCrop) {
    const { resized, crop } = centerCropBox(float.shape[1], float.shape[0], centerCrop, size);
    const whole = tf.image.resizeBilinear(float, [resized.height, resized.width]);
    return tf.slice(whole, [crop.top, crop.left, 0], [crop.height, crop.width, 3]);
  }
  // Already the model's size: a resize would only copy the same values.
  return float.shape[0] === height && float.shape[1] === width ? float : tf.image.resizeBilinear(float, [height, width]);
}

/**
 * Decoded images of any sizes → one normalised [N, height, width, 3] batch. Each image is resized
 * straight to the model's input (bilinear, no crop: the reference pipeline the accuracy figures use).
 * Pixels the decode worker resized already (ResizedPixels) skip the resize: a batch of only those
 * is one upload and the normalisation. The caller owns (and must dispose) the returned tensor.
 */
export function preprocessBatch(
  tf: TF,
  sources: readonly ModelPixels[],
  size: readonly [number, number],
  mode: PreprocessingMode,
  centerCrop?: CenterCrop,
): Tensor4D {
  if (sources.length === 0) throw new Error('preprocessBatch needs at least one image');
  const [height, width] = size;
  const atSize = (source: ModelPixels): source is ResizedPixels => isResized(source) && source.width === width && source.height === height;
  return tf.tidy(() => {
    if (sources.every(atSize)) {
      const perImage = height * width * 3;
      const joined = new Float32Array(perImage * sources.length);
      sources.forEach((source, i) => joined.set(source.data, i * perImage));
      return normalize(tf, tf.tensor4d(joined, [sources.length, height, width, 3]), mode);
    }
    const resized = sources.map((source) => {
      const float = isResized(source)
        ? tf.tensor3d(source.data, [source.height, source.width, 3])
        : (tf.cast(tf.browser.fromPixels(exactPixels(tf, source) as Parameters<TF['browser']['fromPixels']>[0], 3), 'float32') as tfTypes.Tensor3D);
      return fitToInput(tf, float, size, centerCrop);
    });
    // A single image needs no concatenation: expandDims only changes the shape.
    const batch = resized.length === 1 && resized[0] ? tf.expandDims(resized[0], 0) : tf.stack(resized);
    return normalize(tf, batch as Tensor4D, mode);
  });
}
