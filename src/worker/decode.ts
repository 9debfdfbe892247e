/**
 * Image decoding inside the worker. Failures become messages a person can act on; the caller
 * turns them into a per-image error so the rest of the drop still runs.
 */
import { LumenError } from '../shared/errors';
import type { ImageInput } from '../shared/protocol';

/**
 * A decoded bitmap's exact RGBA bytes, read back through a 2D canvas (what tfjs does itself for
 * wasm and cpu). Used where a backend's own bitmap upload is not byte-exact (see predict.ts).
 */
export function bitmapPixels(bitmap: ImageBitmap): ImageData {
  const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new LumenError('decode-failed', 'This browser gives workers no 2D canvas to read image pixels with.');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

export async function decodeImage(input: ImageInput): Promise<ImageBitmap> {
  if (input.kind === 'bitmap') return input.bitmap;
  const { blob, name } = input;
  if (blob.size === 0) throw new LumenError('decode-failed', `"${name}" is empty (0 bytes).`);
  if (blob.type && !blob.type.startsWith('image/')) {
    throw new LumenError('decode-failed', `"${name}" is a ${blob.type} file, not an image.`);
  }
  try {
    return await createImageBitmap(blob);
  } catch {
    throw new LumenError(
      'decode-failed',
      `"${name}" could not be decoded as an image: the file is damaged or not in a format this browser reads (JPEG, PNG, WebP, GIF, BMP, AVIF).`,
    );
  }
}
