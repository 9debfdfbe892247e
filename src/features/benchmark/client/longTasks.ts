/**
 * Counts main-thread tasks over 50 ms (the browser's "long task" threshold) while a benchmark
 * runs: the proof that the page stayed responsive while the worker was busy.
 */
import type { LongTaskStats } from '@/features/benchmark/shared/benchRun';

export interface LongTaskWatch {
  read(): LongTaskStats;
  stop(): LongTaskStats;
}

export function watchLongTasks(): LongTaskWatch {
  const stats: LongTaskStats = { count: 0, longestMs: 0, supported: false };
  let observer: PerformanceObserver | null = null;
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        stats.count += 1;
        stats.longestMs = Math.max(stats.longestMs, entry.duration);
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    stats.supported = true;
  }
  return {
    read: () => ({ ...stats }),
    stop: () => {
      // Deliver entries still queued in the observer before disconnecting.
      observer?.takeRecords().forEach((entry) => {
        stats.count += 1;
        stats.longestMs = Math.max(stats.longestMs, entry.duration);
      });
      observer?.disconnect();
      observer = null;
      return { ...stats };
    },
  };
}
