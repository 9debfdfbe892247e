/**
 * The decode worker, started by the TF.js worker: it decodes each file at its bounded size, reads
 * its RGBA bytes, resizes them to the model's input and makes its thumbnail, so none of that runs
 * on the TF.js worker's thread while the model runs there (on wasm the model holds that thread for
 * the whole forward pass). The bytes are those tfjs itself reads from a bitmap (a 2D canvas), and
 * the resize is tf.image.resizeBilinear's arithmetic (shared/images/resizeBilinear.ts), so results do not change.
 * A request's corruption, if any, is applied here too, to the resized pixels (corruptInput.ts).
 */
import { bitmapPixels, decodeBounded, ImageDecodeError } from './decode';
import { isOpaque, makeThumbnail } from './thumbnail';
import { toModelInput } from './modelInput';
import { corruptModelInput } from './corruptInput';
import { serializeError } from '@/shared/errors';
import { holdLifeLock } from '@/engine/shared/liveness';
import type { DecodeEvent, DecodeJob } from './decodeMessages';

const scope = self as unknown as {
  name: string;
  postMessage(message: DecodeEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<DecodeJob>) => void) | null;
};

scope.onmessage = async ({ data: job }) => {
  const { id } = job;
  try {
    const image = await decodeBounded({ kind: 'blob', name: job.name, blob: job.blob }, job.maxSide);
    let thumbnail: Promise<Blob | null>;
    try {
      const rgba = bitmapPixels(image.bitmap);
      // It draws before it returns; only the encoding is left to the promise, so the bitmap may close.
      thumbnail = makeThumbnail(image.bitmap, undefined, isOpaque(rgba.data));
      // A corruption (Evaluate) goes on after the resize: ImageNet-C corrupts images at the model's input size.
      const pixels = await corruptModelInput(toModelInput(rgba, job.inputSize, job.centerCrop), job.corruption, job.name);
      const { width, height, format, downscaled } = image;
      scope.postMessage({ id, kind: 'pixels', data: pixels.data, pixelWidth: pixels.width, pixelHeight: pixels.height, width, height, format, downscaled }, [
        pixels.data.buffer,
      ]);
    } finally {
      image.bitmap.close();
    }
    // The pixels are out: a thumbnail that fails to encode leaves the image without one, not in error.
    scope.postMessage({ id, kind: 'thumbnail', thumbnail: await thumbnail.catch(() => null) });
  } catch (error) {
    scope.postMessage({ id, kind: 'error', error: serializeError(error), format: error instanceof ImageDecodeError ? error.format : null });
  }
};

// The TF.js worker learns of this worker's death, however it dies, when this lock is released.
holdLifeLock(scope.name, () => scope.postMessage({ kind: 'alive' }));
