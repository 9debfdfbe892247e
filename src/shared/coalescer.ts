/**
 * Gathers updates that arrive faster than the page should repaint (a drop of hundreds of images
 * streams results at hundreds per second) and applies them together, at most once per interval:
 * one store update and one render for many items instead of one each.
 */

export interface Coalescer<T> {
  /** Queues an update; the queue is applied within `intervalMs`. */
  push(update: T): void;
  /** Applies whatever is queued now (say, before a run is declared finished). */
  flush(): void;
  /** Drops what is queued without applying it. */
  discard(): void;
  readonly size: number;
}

export interface TimerApi {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TimerApi = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A timer rather than requestAnimationFrame: rAF stops in a background tab, and results should
 * keep landing there (the browser throttles timers to about once a second instead).
 */
export function createCoalescer<T>(apply: (updates: T[]) => void, intervalMs = 50, timers: TimerApi = realTimers): Coalescer<T> {
  let queue: T[] = [];
  let timer: unknown = null;

  const flush = (): void => {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (queue.length === 0) return;
    const updates = queue;
    queue = [];
    apply(updates);
  };

  return {
    push(update) {
      queue.push(update);
      if (timer === null) timer = timers.set(flush, intervalMs);
    },
    flush,
    discard() {
      if (timer !== null) timers.clear(timer);
      timer = null;
      queue = [];
    },
    get size() {
      return queue.length;
    },
  };
}
