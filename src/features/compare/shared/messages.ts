/**
 * Compare's part of the worker protocol: models one after another (load, warm up, timed batch-1
 * passes, top-1 on an image), one `compare-row` each, then `compared`. Plain data only (structured clone).
 */
import type { SerializedError } from '@/shared/errors';
import type { ImageInput, ModelSpec, Prediction, RuntimeName } from '@/engine/shared/types';

export type CompareRow =
  | {
      key: string;
      name: string;
      status: 'ok';
      parameters: number;
      weightBytes: number;
      loadMs: number;
      warmupMs: number;
      fromCache: boolean;
      /** Batch-1 forward + read-back, every timed run, ms. */
      runsMs: number[];
      medianMs: number;
      /** Top-1 on the chosen image; null when no image was given. */
      top1: Prediction | null;
      /** Which runtime ran it, on which of its backends. */
      runtime: RuntimeName;
      runtimeBackend: string;
      /** Its probabilities on the chosen image, in Keras class order for ImageNet models (agreement.ts); null without an image. */
      probabilities: number[] | null;
    }
  | { key: string; name: string; status: 'error'; error: SerializedError };

/** Models one after another: load, warm up, `runs` timed batch-1 passes, top-1 on `image`. */
export interface CompareRequest {
  models: ModelSpec[];
  image: ImageInput | null;
  warmup: number;
  runs: number;
}

export type CompareWorkerRequest = { type: 'compare'; id: number } & CompareRequest;

export type CompareWorkerEvent =
  | { type: 'compare-row'; id: number; index: number; row: CompareRow }
  | { type: 'compared'; id: number; count: number; failed: number };
