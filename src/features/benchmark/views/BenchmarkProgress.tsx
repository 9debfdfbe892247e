import { useStore } from '@/app/store';
import { fmtMs } from '@/features/benchmark/shared/benchFormat';
import { summarize } from '@/shared/stats';

/** The recent samples as a polyline: a plain SVG path is cheap enough to redraw four times a second. */
function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length < 2) return null;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const points = values.map((v, i) => `${((i / (values.length - 1)) * 200).toFixed(1)},${(38 - ((v - min) / span) * 36).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" viewBox="0 0 200 40" preserveAspectRatio="none" aria-label={`last ${values.length} runs, ${fmtMs(min)} to ${fmtMs(max)} ms`}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Live view of a run: progress, the samples streaming in, and the page's own responsiveness. */
export function BenchmarkProgress() {
  const status = useStore((s) => s.benchStatus);
  const live = useStore((s) => s.benchLive);
  const error = useStore((s) => s.benchError);
  const running = status === 'running';
  const recent = live?.recent ?? [];
  const median = recent.length > 0 ? summarize(recent).p50 : null;
  const fraction = live?.total ? Math.min(1, live.done / live.total) : null;

  return (
    <section className="bench-progress" data-testid="bench-status" data-status={status} aria-live="polite">
      {error && (
        <p className="error" role="alert" data-testid="bench-error">
          {error}
        </p>
      )}
      {running && (
        <>
          <progress max={1} value={fraction ?? undefined} data-testid="bench-progress" />
          <p>
            {live?.phase ?? 'starting'}
            {live?.batch !== null && live?.batch !== undefined && ` · batch ${live.batch} ${live.warmup ? 'warming up' : 'timing'}`}
            {live?.total ? ` · ${live.done} of ${live.total} runs` : live ? ` · ${live.done} runs` : ''}
          </p>
        </>
      )}
      {live && (
        <div className="bench-live">
          <span data-testid="bench-live-samples" data-count={live.done}>
            {recent.length > 0 ? `last ${fmtMs(recent.at(-1))} ms · median of last ${recent.length}: ${fmtMs(median)} ms` : 'no timed run yet'}
          </span>
          <Sparkline values={recent} />
          <span
            data-testid="bench-long-tasks"
            data-count={live.longTasks.count}
            data-longest-ms={live.longTasks.longestMs.toFixed(0)}
            className={live.longTasks.count > 0 ? 'warn' : 'muted'}
            title="Main-thread tasks over 50 ms while the benchmark ran (PerformanceObserver 'longtask')"
          >
            {live.longTasks.supported
              ? `page long tasks (>50 ms): ${live.longTasks.count}${live.longTasks.count > 0 ? `, longest ${live.longTasks.longestMs.toFixed(0)} ms` : ''}`
              : 'long-task timing is not available in this browser'}
          </span>
        </div>
      )}
      {status === 'cancelled' && <p className="muted">Cancelled: the batch sizes that finished are kept below.</p>}
    </section>
  );
}
