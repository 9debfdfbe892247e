/**
 * Two stages over a list cut into batches, overlapped: while batch n runs (inference and read-back),
 * batch n+1 is already being prepared (decoding, which the browser does off the worker's thread).
 * Run after run the model never waits for a decode it could have had ready.
 *
 * - One batch ahead, no more: prepared batches hold decoded bitmaps, so memory stays at two batches.
 * - The batch size is read when a batch is cut, so a size lowered mid-request (out of memory)
 *   applies from the next cut; `run` itself may split what was cut before.
 * - Cancellation: checked before and after waiting on each batch's preparation; the batch prepared
 *   ahead is then awaited and released, never run. Whatever `prepare` or `run` throws propagates the same way, after the release.
 */
import { LumenError } from '@/shared/errors';

export interface PipelineStages<T, P> {
  /** Items per batch, read each time a batch is cut. */
  batchSize(): number;
  /** Prepares `items` (whose first is item `start` of the list); runs while the previous batch runs. */
  prepare(items: readonly T[], start: number): Promise<P>;
  run(prepared: P): Promise<void>;
  /** Frees a prepared batch: after it ran, or unrun when the pipeline stops early. */
  release(prepared: P): Promise<void> | void;
  /** A batch is done; `end` items of the list are behind it. */
  onBatchDone?(end: number): void;
  isCancelled(): boolean;
}

interface InFlight<P> {
  end: number;
  prepared: Promise<P>;
}

export async function runPipelined<T, P>(items: readonly T[], stages: PipelineStages<T, P>): Promise<void> {
  let cutAt = 0;
  const prepareNext = (): InFlight<P> | null => {
    if (cutAt >= items.length) return null;
    const start = cutAt;
    const size = Math.max(1, Math.floor(stages.batchSize()));
    const batch = items.slice(start, start + size);
    cutAt = start + batch.length;
    return { end: cutAt, prepared: stages.prepare(batch, start) };
  };

  let ahead = prepareNext();
  try {
    while (ahead) {
      // Checked before waiting on a decode too: a cancel need not wait for it (the finally does).
      if (stages.isCancelled()) throw new LumenError('cancelled', 'Classification was cancelled.');
      const current = ahead;
      ahead = null;
      const prepared = await current.prepared;
      try {
        if (stages.isCancelled()) throw new LumenError('cancelled', 'Classification was cancelled.');
        // The next batch decodes while this one is in the model.
        ahead = prepareNext();
        await stages.run(prepared);
      } finally {
        await stages.release(prepared);
      }
      stages.onBatchDone?.(current.end);
    }
  } finally {
    if (ahead) {
      const unused = ahead.prepared;
      ahead = null;
      // Its decodes are under way: wait for them so nothing they produce is left open.
      await unused.then(
        (prepared) => stages.release(prepared),
        () => undefined,
      );
    }
  }
}
