/**
 * One pass of an evaluation: the scored images through one model (clean, or with one corruption),
 * as Classify sends them: requests of whole batches (about 48 images), at most two in the worker's
 * queue at a time, so a 10,000-image folder never has more than a few requests' Files queued and
 * the worker decodes as it goes. Each image's item becomes its outcome; the worker's own classify
 * time, summed over the requests, is the pass's time.
 */
import { getEngine } from '@/engine/client';
import type { ModelSpec } from '@/engine/shared/types';
import type { CorruptionSpec } from '@/features/evaluate/shared/corruptModelInput';
import { type ImageOutcome, outcomeOf } from '@/features/evaluate/shared/evaluateReport';
import { isCancelled } from '@/shared/errors';

/** Images per worker request, rounded up to whole batches (as classifyActions.ts). */
const REQUEST_CHUNK = 48;
/** Requests in the worker's queue at once: one running, one ready, so the worker never waits on the page. */
const IN_FLIGHT = 2;

export interface PassImage {
  path: string;
  truth: number;
  file: File;
}

export interface PassHooks {
  /** One more image answered. */
  onImage(): void;
  /** A request is in the worker (its id, for Cancel), or has ended. */
  track(requestId: number): void;
  untrack(requestId: number): void;
  isCancelled(): boolean;
}

export interface PassResult {
  outcomes: ImageOutcome[];
  /** The worker's classify time over the pass's requests. */
  totalMs: number;
  cancelled: boolean;
}

const missing = (image: PassImage | undefined): ImageOutcome | undefined =>
  image && { file: image.path, truth: image.truth, status: 'error', message: 'The worker finished without a result for this image.' };

export async function runPass(
  spec: ModelSpec,
  images: readonly PassImage[],
  corruption: CorruptionSpec | undefined,
  batchSize: number,
  hooks: PassHooks,
): Promise<PassResult> {
  const outcomes: (ImageOutcome | undefined)[] = new Array(images.length);
  const chunkSize = Math.ceil(REQUEST_CHUNK / batchSize) * batchSize;
  let totalMs = 0;
  let cancelled = false;

  const sendChunk = async (start: number): Promise<void> => {
    const chunk = images.slice(start, start + chunkSize);
    const handle = getEngine().classify(
      {
        model: spec,
        k: 5,
        batchSize,
        images: chunk.map((image) => ({ name: image.path, kind: 'blob', blob: image.file })),
        ...(corruption ? { corruption } : {}),
      },
      {
        onEvent: (event) => {
          const image = event.type === 'item' ? chunk[event.index] : undefined;
          if (event.type !== 'item' || !image || outcomes[start + event.index]) return;
          outcomes[start + event.index] = outcomeOf(image.path, image.truth, event.item);
          hooks.onImage();
        },
      },
    );
    hooks.track(handle.id);
    try {
      totalMs += (await handle.result).totalMs;
    } catch (error) {
      if (isCancelled(error)) cancelled = true;
      else {
        const message = error instanceof Error ? error.message : String(error);
        chunk.forEach((image, i) => {
          if (outcomes[start + i]) return;
          outcomes[start + i] = { file: image.path, truth: image.truth, status: 'error', message };
          hooks.onImage();
        });
      }
    } finally {
      hooks.untrack(handle.id);
    }
  };

  const running = new Set<Promise<void>>();
  for (let start = 0; start < images.length; start += chunkSize) {
    if (hooks.isCancelled()) break;
    const sent = sendChunk(start).finally(() => running.delete(sent));
    running.add(sent);
    if (running.size >= IN_FLIGHT) await Promise.race(running);
  }
  await Promise.all(running);
  const stopped = cancelled || hooks.isCancelled();
  // An image the worker never answered (and that no cancel explains) is a failure, not a silent gap in n.
  const answered = outcomes.map((o, i) => o ?? (stopped ? undefined : missing(images[i])));
  return { outcomes: answered.filter((o): o is ImageOutcome => o !== undefined), totalMs, cancelled: stopped };
}
