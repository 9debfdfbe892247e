/**
 * Image decoding inside the worker. Failures become messages a person can act on; the caller
 * turns them into a per-image error so the rest of the drop still runs.
 */
import { LumenError } from '../shared/errors';
import type { ImageInput } from '../shared/protocol';

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
