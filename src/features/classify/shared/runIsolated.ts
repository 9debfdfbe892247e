/**
 * Runs a batch so that one failure costs only what really fails. The whole batch is tried first;
 * if it fails, nothing is marked as an error yet:
 * - out of memory: the batch is split in halves, each half tried again (recursively), and the
 *   caller is told of the split so it can run smaller batches from then on;
 * - any other error: every item is retried alone, so only an item that fails by itself fails.
 * Cancellation is never retried: it propagates at once, as does a cancel seen between attempts.
 * Used by classify, and meant for every feature that runs images in batches.
 */
import { LumenError, isCancelled, serializeError } from '@/shared/errors';

export interface IsolationHandlers<T, R> {
  /** A group that ran: its items get their results (may be async, e.g. thumbnails). */
  onSuccess(group: readonly T[], result: R): Promise<void> | void;
  /** An item that failed on its own, with the error it failed with. */
  onFailure(item: T, error: unknown): void;
  /** An out-of-memory batch of `size` items is being retried as `first` + `second`. */
  onSplit(size: number, first: number, second: number): void;
  isCancelled(): boolean;
}

export function isOutOfMemory(error: unknown): boolean {
  return serializeError(error).code === 'out-of-memory';
}

export async function runIsolated<T, R>(items: readonly T[], run: (group: readonly T[]) => Promise<R>, handlers: IsolationHandlers<T, R>): Promise<void> {
  if (items.length === 0) return;
  if (handlers.isCancelled()) throw new LumenError('cancelled', 'Classification was cancelled.');
  let result: R;
  try {
    result = await run(items);
  } catch (error) {
    if (isCancelled(error)) throw error;
    const [only] = items;
    if (items.length === 1 && only !== undefined) {
      handlers.onFailure(only, error);
      return;
    }
    if (isOutOfMemory(error)) {
      const half = Math.ceil(items.length / 2);
      handlers.onSplit(items.length, half, items.length - half);
      await runIsolated(items.slice(0, half), run, handlers);
      await runIsolated(items.slice(half), run, handlers);
    } else {
      for (const item of items) await runIsolated([item], run, handlers);
    }
    return;
  }
  await handlers.onSuccess(items, result);
}
