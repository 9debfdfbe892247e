/**
 * A model spec's centre crop (ModelSpec.centerCrop) on float RGB pixels, in plain JS, for the
 * decode worker: resize the whole image so its shorter side is `shortestEdge` (bilinear, the same
 * arithmetic as every other resize here), then keep the window at the model's input size where
 * shared/models/applySpec.ts's cropBox puts it (torchvision's rounding, or Hugging Face's floor).
 */
import { cropBox } from '@/shared/models/applySpec';
import type { CenterCrop } from '@/engine/shared/types';
import type { FloatRgb } from './resizeBilinear';

/** Where the crop falls for an image of `width` × `height` and a model input of [height, width]. */
export function centerCropBox(width: number, height: number, crop: CenterCrop, inputSize: readonly [number, number]) {
  const [cropHeight, cropWidth] = inputSize;
  return cropBox(width, height, {
    resize: { kind: 'shortest-edge', size: crop.shortestEdge, crop: { height: cropHeight, width: cropWidth }, cropOffset: crop.offset },
  });
}

/** The `width` × `height` window at (left, top) of float RGB pixels, copied row by row. */
export function cropRgb(source: FloatRgb, left: number, top: number, width: number, height: number): FloatRgb {
  if (left < 0 || top < 0 || left + width > source.width || top + height > source.height) {
    throw new RangeError(`a ${width}×${height} window at ${left},${top} does not fit in ${source.width}×${source.height}`);
  }
  const data = new Float32Array(width * height * 3);
  for (let row = 0; row < height; row += 1) {
    const from = ((top + row) * source.width + left) * 3;
    data.set(source.data.subarray(from, from + width * 3), row * width * 3);
  }
  return { data, width, height };
}
