/**
 * Between the TF.js worker and its decode worker (decodeWorker.ts): a file in; its pixels resized
 * to the model's input (float RGB, transferred), then its thumbnail, out. Serializable only.
 * First of all the decode worker says it is alive: it holds its life lock (engine/shared/liveness.ts).
 */
import type { SerializedError } from '@/shared/errors';
import type { CenterCrop } from '@/engine/shared/types';
import type { CorruptionSpec } from '@/features/evaluate/shared/corruptModelInput';

/** How a classify request decodes: at most `maxSide` on the longest side, then to `inputSize`. */
export interface DecodeBound {
  maxSide: number;
  /** The model's input, [height, width]. */
  inputSize: readonly [number, number];
  /** The model's centre crop, if it has one (ModelSpec.centerCrop). */
  centerCrop?: CenterCrop;
  /** Evaluate's robustness pass: applied to the pixels at the input size (engine/decode/corruptInput.ts). */
  corruption?: CorruptionSpec;
}

export interface DecodeJob {
  id: number;
  blob: Blob;
  name: string;
  /** The bounded decode's longest side (shared/images/boundedSize.ts). */
  maxSide: number;
  /** The model's input, [height, width]: the size the pixels come back at. */
  inputSize: [number, number];
  /** Resize the shorter side, then cut the centre at inputSize (ModelSpec.centerCrop); absent: resize straight to it. */
  centerCrop?: CenterCrop;
  /** Applied after the resize to inputSize; absent or severity 0: the clean pixels, untouched. */
  corruption?: CorruptionSpec;
}

export type DecodeAnswer =
  | {
      id: number;
      kind: 'pixels';
      /** Float RGB (0..255) at the model's input size, row-major; its buffer is transferred. */
      data: Float32Array;
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

/** Everything the decode worker posts: answers to jobs, and once, first, that it holds its life lock. */
export type DecodeEvent = DecodeAnswer | { kind: 'alive' };
