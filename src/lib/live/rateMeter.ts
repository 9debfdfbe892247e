/**
 * Frames per second over a sliding window of completion times. A window (not 1 / last latency)
 * because the Live view's rate includes the wait for the camera's next frame, and a window of a
 * couple of seconds reads steadily without hiding a real change for long.
 */
export interface RateMeter {
  /** Records one completed frame at `at` (ms, performance.now()). */
  tick(at: number): void;
  /** Frames per second over the window ending at `now`; 0 until two frames are in it. */
  rate(now: number): number;
  reset(): void;
}

export function createRateMeter(windowMs = 2000): RateMeter {
  let times: number[] = [];
  const prune = (now: number): void => {
    const from = now - windowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) < from) drop += 1;
    if (drop > 0) times = times.slice(drop);
  };
  return {
    tick(at) {
      times.push(at);
      prune(at);
    },
    rate(now) {
      prune(now);
      const first = times[0];
      const last = times.at(-1);
      if (times.length < 2 || first === undefined || last === undefined || last <= first) return 0;
      // n ticks span n-1 intervals: counting n over the span would overstate a short window.
      return ((times.length - 1) * 1000) / (last - first);
    },
    reset() {
      times = [];
    },
  };
}
