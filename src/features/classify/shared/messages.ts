/**
 * Classify's part of the worker protocol: images in, one `item` event per image as it is done,
 * then `classified`. Plain data only (structured clone).
 */
import type { SerializedError } from '@/shared/errors';
import type { ImageInput, ModelSpec, Prediction } from '@/engine/shared/types';
import type { CorruptionSpec } from '@/features/evaluate/shared/corruptModelInput';

export type ClassifyItem =
  | {
      name: string;
      status: 'ok';
      predictions: Prediction[];
      /** Model time for the whole batch this image rode in (execute until read-back). */
      batchMs: number;
      batchSize: number;
      decodeMs: number;
      preprocessMs: number;
      /** The image's own pixel size (after EXIF orientation), before any bounded decode. */
      width: number;
      height: number;
      /** Format found from the file's first bytes ('JPEG', 'PNG', …); null for a bitmap input. */
      format: string | null;
      /** True when the image was decoded at a bounded size below its own (see engine/decode/decode.ts). */
      downscaled: boolean;
      /** A small thumbnail the worker made from the decoded bitmap (image/webp or jpeg); null if none. */
      thumbnail: Blob | null;
    }
  | { name: string; status: 'error'; error: SerializedError; format?: string | null };

/** Top-`k` of each image, `batchSize` images a forward pass. */
export interface ClassifyRequest {
  model: ModelSpec;
  k: number;
  images: ImageInput[];
  batchSize: number;
  /**
   * Evaluate's robustness pass: every image is corrupted at the model's input size before it is
   * scored (engine/decode/corruptInput.ts), seeded by `seed` and the image's name. Severity 0 is the clean pass.
   */
  corruption?: CorruptionSpec;
}

export type ClassifyWorkerRequest = { type: 'classify'; id: number } & ClassifyRequest;

export type ClassifyWorkerEvent =
  | { type: 'item'; id: number; index: number; item: ClassifyItem }
  | { type: 'classified'; id: number; count: number; failed: number; totalMs: number };
