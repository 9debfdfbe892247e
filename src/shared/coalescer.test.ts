import { describe, expect, it, vi } from 'vitest';
import { createCoalescer, type TimerApi } from './coalescer';

/** A hand-cranked clock: timers run only when the test says so. */
function manualTimers(): TimerApi & { fire(): void; armed: number } {
  let callbacks = new Map<number, () => void>();
  let next = 1;
  const timers = {
    armed: 0,
    set(callback: () => void) {
      callbacks.set(next, callback);
      timers.armed = callbacks.size;
      return next++;
    },
    clear(handle: unknown) {
      callbacks.delete(handle as number);
      timers.armed = callbacks.size;
    },
    fire() {
      const due = callbacks;
      callbacks = new Map();
      timers.armed = 0;
      for (const callback of due.values()) callback();
    },
  };
  return timers;
}

describe('createCoalescer', () => {
  it('applies many updates in one call, once per interval', () => {
    const timers = manualTimers();
    const applied: number[][] = [];
    const coalescer = createCoalescer<number>((updates) => applied.push(updates), 50, timers);
    for (let i = 0; i < 300; i++) coalescer.push(i);
    expect(applied).toEqual([]); // nothing until the interval ends
    expect(timers.armed).toBe(1); // one timer for the whole burst
    timers.fire();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toHaveLength(300);
    expect(applied[0]?.slice(0, 3)).toEqual([0, 1, 2]); // in arrival order
  });

  it('starts a new interval for updates after a flush', () => {
    const timers = manualTimers();
    const applied: string[][] = [];
    const coalescer = createCoalescer<string>((updates) => applied.push(updates), 50, timers);
    coalescer.push('a');
    timers.fire();
    coalescer.push('b');
    coalescer.push('c');
    timers.fire();
    expect(applied).toEqual([['a'], ['b', 'c']]);
  });

  it('flushes at once on request and cancels the pending timer', () => {
    const timers = manualTimers();
    const applied: string[][] = [];
    const coalescer = createCoalescer<string>((updates) => applied.push(updates), 50, timers);
    coalescer.push('a');
    coalescer.flush();
    expect(applied).toEqual([['a']]);
    expect(timers.armed).toBe(0);
    coalescer.flush(); // nothing queued: no empty apply
    expect(applied).toHaveLength(1);
  });

  it('discards what is queued', () => {
    const timers = manualTimers();
    const applied: string[][] = [];
    const coalescer = createCoalescer<string>((updates) => applied.push(updates), 50, timers);
    coalescer.push('a');
    expect(coalescer.size).toBe(1);
    coalescer.discard();
    timers.fire();
    expect(applied).toEqual([]);
    expect(coalescer.size).toBe(0);
  });

  it('works with real timers', async () => {
    const applied: number[][] = [];
    const coalescer = createCoalescer<number>((updates) => applied.push(updates), 5);
    coalescer.push(1);
    coalescer.push(2);
    await vi.waitFor(() => expect(applied).toEqual([[1, 2]]));
  });
});
