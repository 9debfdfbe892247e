/**
 * Frames per second over a sliding window of completion times. A window (not 1 / last latency)
 * because the Live view's rate includes the wait for the camera's next frame, and a window of a
 * couple of seconds reads steadily without hiding a real change for long. Slower than one frame
 * per window (a software GPU: seconds a frame), the rate is the last interval's, until the loop
 * has been silent for twice that long.
 */
export interface RateMeter {
  /** Records one completed frame at `at` (ms, performance.now()). */
  tick(at: number): void;
  /** Frames per second at `now`; 0 until two frames, and once frames stop coming. */
  rate(now: number): number;
  reset(): void;
}

export function createRateMeter(windowMs = 2000): RateMeter {
  let times: number[] = [];
  return {
    tick(at) {
      times.push(at);
      // Keep the window, and never fewer than the last two (the slow case's interval).
      const from = at - windowMs;
      const firstKept = Math.min(
        times.findIndex((t) => t >= from),
        times.length - 2,
      );
      if (firstKept > 0) times = times.slice(firstKept);
    },
    rate(now) {
      const inWindow = times.filter((t) => t >= now - windowMs);
      const first = inWindow[0];
      const last = inWindow.at(-1);
      // n ticks span n-1 intervals: counting n over the span would overstate a short window.
      if (inWindow.length >= 2 && first !== undefined && last !== undefined && last > first) return ((inWindow.length - 1) * 1000) / (last - first);
      const [previous, latest] = times.slice(-2);
      if (previous === undefined || latest === undefined || latest <= previous) return 0;
      const interval = latest - previous;
      return now - latest <= 2 * interval ? 1000 / interval : 0;
    },
    reset() {
      times = [];
    },
  };
}
