/**
 * Between the TF.js worker and its decode worker (decodeWorker.ts): a file in; its bounded
 * pixels (RGBA, transferred), then its thumbnail, out. Serializable only.
 */
import type { SerializedError } from '../shared/errors';

export interface DecodeJob {
  id: number;
  blob: Blob;
  name: string;
  maxSide: number;
}

export type DecodeAnswer =
  | {
      id: number;
      kind: 'pixels';
      /** RGBA bytes of the bounded decode, row-major; its buffer is transferred. */
      data: ImageData['data'];
      pixelWidth: number;
      pixelHeight: number;
      /** The image's own size (EXIF orientation applied), before any downscale. */
      width: number;
      height: number;
      format: string | null;
      downscaled: boolean;
    }
  | { id: number; kind: 'thumbnail'; thumbnail: Blob | null }
  | { id: number; kind: 'error'; error: SerializedError; format: string | null };
