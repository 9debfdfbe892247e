/**
 * Decoded RGBA bytes to the model's input (float RGB at its input size, corrupted when the request
 * asks), for the decode worker and for the TF.js worker's own fallback with a corruption, so both
 * threads make the same pixels from the same file.
 */
import { resizeRgbaToRgb, type FloatRgb } from '@/shared/images/resizeBilinear';
import { centerCropBox, cropRgb } from '@/shared/images/centerCrop';
import type { CenterCrop, ImageInput } from '@/engine/shared/types';
import type { DecodedImage, Decoder } from '@/engine/worker/predict';
import { bitmapPixels, decodeBounded } from './decode';
import { isOpaque, makeThumbnail } from './thumbnail';
import { corruptModelInput } from './corruptInput';
import type { DecodeBound } from './decodeMessages';

/** The decoded bytes at the model's input: resized straight to it, or resized then centre-cropped. */
export function toModelInput(
  rgba: { data: Uint8ClampedArray; width: number; height: number },
  inputSize: readonly [number, number],
  centerCrop?: CenterCrop,
): FloatRgb {
  const [inputHeight, inputWidth] = inputSize;
  if (!centerCrop) return resizeRgbaToRgb(rgba.data, rgba.width, rgba.height, inputWidth, inputHeight);
  const { resized, crop } = centerCropBox(rgba.width, rgba.height, centerCrop, inputSize);
  const whole = resizeRgbaToRgb(rgba.data, rgba.width, rgba.height, resized.width, resized.height);
  return cropRgb(whole, crop.left, crop.top, crop.width, crop.height);
}

/**
 * Decodes on this thread straight to the model's input, as the decode worker does, corruption
 * included. The TF.js worker uses it when a corrupted request must decode in place: its usual
 * fallback hands TF.js a bitmap to resize, which a corruption at the input size cannot be put on.
 */
export function modelInputDecoder(bound: DecodeBound): Decoder {
  return async (input: ImageInput): Promise<DecodedImage> => {
    const image = await decodeBounded(input, bound.maxSide);
    try {
      const rgba = bitmapPixels(image.bitmap);
      const thumbnail = makeThumbnail(image.bitmap, undefined, isOpaque(rgba.data));
      const resized = await corruptModelInput(toModelInput(rgba, bound.inputSize, bound.centerCrop), bound.corruption, input.name);
      const { width, height, format, downscaled } = image;
      return {
        pixels: { kind: 'float-rgb', ...resized },
        width,
        height,
        format,
        downscaled,
        thumbnail: () => thumbnail.catch(() => null),
        close: () => undefined,
      };
    } finally {
      image.bitmap.close();
    }
  };
}
