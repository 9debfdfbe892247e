/**
 * Applies a classify request's corruption (features/evaluate/shared/corruptModelInput.ts) to the
 * pixels at the model's input size, in whichever worker decoded them: the decode worker, or the
 * TF.js worker when it decodes in place, so both give the same pixels. JPEG goes through the
 * browser's own encoder and decoder (OffscreenCanvas), at ImageNet-C's quality for the severity;
 * the other kinds are the pure ImageNet-C formulas.
 */
import type { FloatRgb } from '@/shared/images/resizeBilinear';
import { assertNever } from '@/shared/assertNever';
import { LumenError } from '@/shared/errors';
import { JPEG_QUALITY } from '@/features/evaluate/shared/corruptions';
import {
  bytesToFloatRgb,
  type CorruptionSpec,
  corruptFloatRgb,
  floatRgbToBytes,
  imageSeed,
  isActiveCorruption,
  rgbToRgba,
} from '@/features/evaluate/shared/corruptModelInput';

/** The pixels re-encoded as JPEG at `quality` (PIL's 1..95 scale) and decoded back. */
async function jpegRoundTrip(pixels: FloatRgb, quality: number): Promise<FloatRgb> {
  const { width, height } = pixels;
  const rgba = rgbToRgba(floatRgbToBytes(pixels));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new LumenError('decode-failed', 'This browser gives workers no 2D canvas to re-encode an image as JPEG with.');
  const imageData = context.createImageData(width, height);
  imageData.data.set(rgba.data);
  context.putImageData(imageData, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: quality / 100 });
  if (blob.type !== 'image/jpeg') throw new LumenError('decode-failed', `This browser cannot encode JPEG in a worker (it gave ${blob.type || 'no type'}).`);
  const bitmap = await createImageBitmap(blob);
  try {
    context.clearRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    const back = context.getImageData(0, 0, width, height);
    return bytesToFloatRgb({ data: back.data, width, height });
  } finally {
    bitmap.close();
  }
}

/** `pixels` corrupted as `spec` says for the image called `name`; the very same pixels when there is nothing to do (no spec, severity 0). */
export async function corruptModelInput(pixels: FloatRgb, spec: CorruptionSpec | undefined, name: string): Promise<FloatRgb> {
  if (!isActiveCorruption(spec)) return pixels;
  const { kind, severity } = spec;
  switch (kind) {
    case 'jpeg':
      return jpegRoundTrip(pixels, JPEG_QUALITY[severity - 1] ?? JPEG_QUALITY[0]);
    case 'noise':
    case 'blur':
    case 'brightness':
    case 'contrast':
      return corruptFloatRgb(pixels, kind, severity, imageSeed(spec.seed, name));
    default:
      return assertNever(kind, 'corruption kind');
  }
}
