/**
 * Test "images": a Blob whose text is a grey level, decoded to a flat 4 × 4 RGBA image without a
 * browser. A name starting with "bad" fails to decode, as a corrupt file would.
 */
import type { Decoder } from '@/engine/worker/predict';
import type { ImageInput } from '@/engine/shared/types';
import { LumenError } from '@/shared/errors';

export const greyDecoder: Decoder = async (input) => {
  if (input.name.startsWith('bad')) throw new LumenError('decode-failed', `"${input.name}" could not be decoded as an image`);
  const level = input.kind === 'blob' ? Number(await input.blob.text()) : 0;
  return {
    pixels: { width: 4, height: 4, data: new Uint8Array(64).fill(level) },
    width: 4,
    height: 4,
    format: 'PNG',
    downscaled: false,
    close: () => undefined,
  };
};

/** One grey "image" named `name`. */
export const greyImage = (name: string, level = 100): ImageInput => ({ name, kind: 'blob', blob: new Blob([String(level)]) });
