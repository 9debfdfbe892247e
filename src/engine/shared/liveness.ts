/**
 * Knowing, without polling, that the worker is gone. The worker takes a Web Lock named after
 * itself and never lets go; the page queues for the same lock. The browser releases a lock only
 * when its holder's context ends, so the page is granted it exactly when the worker died: closed,
 * killed for memory, or crashed. A busy worker (a long synchronous kernel) is never mistaken for a
 * dead one, as a heartbeat with a timeout would be.
 */

interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
}

function lockManager(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

/** Worker side: hold the lock `name` for the worker's whole life; `onHeld` runs once it is held. */
export function holdLifeLock(name: string, onHeld: () => void): void {
  const locks = lockManager();
  if (!locks || !name) {
    onHeld(); // no Web Locks (Node tests, old browsers): the page falls back to error events
    return;
  }
  void locks.request(name, () => {
    onHeld();
    return new Promise<never>(() => undefined);
  });
}

/** Page side: `onDeath` runs when the lock's holder (the worker) is gone. Call after it said it holds it. */
export function watchLifeLock(name: string, onDeath: () => void): void {
  const locks = lockManager();
  if (!locks) return;
  void locks.request(name, async () => onDeath());
}
