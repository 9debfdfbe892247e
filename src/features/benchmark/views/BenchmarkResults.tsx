import { memo, useDeferredValue, useMemo } from 'react';
import { useStore } from '@/app/store';
import { downloadBench } from '@/features/benchmark/client/benchmarkActions';
import { benchRatios } from '@/features/benchmark/shared/benchCompare';
import { seriesName } from '@/features/benchmark/shared/benchChartData';
import { fmtMs, fmtRate } from '@/features/benchmark/shared/benchFormat';
import { benchRows, coldStartRows, memoryLimits, type BenchRow, type BenchRun } from '@/features/benchmark/shared/benchRun';
import { bestBatches, type BatchFigure } from '@/shared/stats';
import { BenchmarkChart } from './BenchmarkChart';
import { BenchmarkTable } from './BenchmarkTable';
import { ColdStartTable } from './ColdStartTable';
import { MethodChart } from './MethodChart';

function figuresBySeries(rows: readonly BenchRow[]): Map<string, BatchFigure[]> {
  const out = new Map<string, BatchFigure[]>();
  for (const r of rows) {
    if (r.variant !== 'app' || r.status !== 'ok' || r.mean === null) continue;
    const stats = { count: r.count, mean: r.mean, std: r.std ?? 0, min: r.min ?? 0, max: r.max ?? 0, p50: r.p50 ?? 0, p95: r.p95 ?? 0, p99: r.p99 ?? 0 };
    out.set(seriesName(r), [...(out.get(seriesName(r)) ?? []), { batch: r.batch, stats }]);
  }
  return out;
}

function Environment({ run }: { run: BenchRun }) {
  const env = run.environment;
  return (
    <p className="muted bench-env" data-testid="bench-environment">
      {new Date(run.startedAt).toLocaleString()} · {run.status} · TF.js {env.tfjsVersion ?? '?'} ·{' '}
      {env.backends
        .map(
          (b) =>
            `${b.requested}${b.used && b.used !== b.requested ? `→${b.used}` : b.used ? '' : ' (failed)'}${b.adapter ? ` [${b.adapter.vendor} ${b.adapter.architecture}${b.adapter.isFallbackAdapter ? ', software' : ''}]` : ''}`,
        )
        .join(', ')}{' '}
      · {env.hardwareConcurrency ?? '?'} cores · crossOriginIsolated {String(env.crossOriginIsolated)}
      {!env.crossOriginIsolated && ' (timer resolution 0.1 ms)'}
    </p>
  );
}

/**
 * The run on screen: best batches, memory verdicts, charts, every figure, cold start, export.
 * The figures are drawn from a deferred copy of the run: React renders them as interruptible
 * background work, so redrawing the charts after each batch never blocks the page for long.
 */
export function BenchmarkResults() {
  const run = useDeferredValue(useStore((s) => s.benchRun));
  return run ? <RunResults run={run} /> : null;
}

const RunResults = memo(function RunResults({ run }: { run: BenchRun }) {
  const rows = useMemo(() => benchRows(run), [run]);
  const best = [...figuresBySeries(rows)].map(([series, figures]) => ({ series, ...bestBatches(figures) }));
  // Memory is measured per batch size, shared by its variants: one verdict per model × backend × batch.
  const leaks = [...new Map(rows.filter((r) => r.leaked).map((r) => [`${r.model}|${r.backend}|${r.batch}`, r])).values()];
  const limits = memoryLimits(run);
  const failedCombos = run.combos.filter((c) => c.status === 'failed');
  const ratios = run.config.kind === 'methods' ? benchRatios(rows) : null;

  return (
    <section className="bench-results" data-testid="bench-results" data-run-id={run.id} data-kind={run.config.kind}>
      <div className="bench-results-bar">
        <h2>{run.config.kind === 'methods' ? 'Method comparison' : 'Batch-size sweep'}</h2>
        <button type="button" data-testid="bench-export-json" onClick={() => downloadBench(run, 'json')}>
          Download JSON
        </button>
        <button type="button" data-testid="bench-export-csv" onClick={() => downloadBench(run, 'csv')}>
          Download CSV
        </button>
      </div>
      <Environment run={run} />
      {failedCombos.map((c) => (
        <p key={`${c.model}|${c.backend}`} className="error" data-testid="bench-combo-error">
          {c.backend} · {c.modelName}: {c.error}
        </p>
      ))}
      {best.length > 0 && (
        <ul className="bench-best">
          {best.map((b) => (
            <li
              key={b.series}
              data-testid="bench-best"
              data-series={b.series}
              data-best-throughput-batch={b.bestThroughput?.batch}
              data-best-latency-batch={b.bestLatency?.batch}
            >
              <strong>{b.series}</strong>: best throughput at batch <strong>{b.bestThroughput?.batch}</strong> ({fmtRate(b.bestThroughput?.throughput)}{' '}
              images/s, {fmtMs(b.bestThroughput?.perImage)} ms per image); best latency at batch <strong>{b.bestLatency?.batch}</strong> (median{' '}
              {fmtMs(b.bestLatency?.p50)} ms for the whole batch)
            </li>
          ))}
        </ul>
      )}
      <ul className="bench-memory" data-testid="bench-memory" data-leaks={leaks.length}>
        {leaks.length === 0 && rows.length > 0 && (
          <li className="ok">No leak: tf.memory() tensor count back to its starting value after every run and batch size.</li>
        )}
        {leaks.map((r) => (
          <li key={`${r.model}|${r.backend}|${r.batch}`} className="error" data-testid="bench-leak">
            Leak: {r.model} · {r.backend} · batch {r.batch}: tensors {r.tensorsBefore} → {r.tensorsAfter}
          </li>
        ))}
        {limits.map((l) => (
          <li key={`${l.model}|${l.backend}`} className="warn" data-testid="bench-oom">
            {l.model} · {l.backend}: batch {l.failedAt.join(', ')} failed; the largest batch that worked is {l.largestOk ?? 'none'}.
          </li>
        ))}
      </ul>
      {ratios && (ratios.appOverBare !== null || ratios.appOverPeer !== null) && (
        <p data-testid="bench-ratios">
          {ratios.appOverBare !== null && (
            <>
              app / bare model: <strong>{ratios.appOverBare.toFixed(3)}</strong> (medians).{' '}
            </>
          )}
          {ratios.appOverPeer !== null && (
            <>
              app classify path / peer classify(): <strong>{ratios.appOverPeer.toFixed(3)}</strong> (medians).
            </>
          )}
        </p>
      )}
      {run.status === 'running' ? (
        <p className="muted" data-testid="bench-charts-pending">
          Charts are drawn when the run ends: drawing SVG charts mid-run would hold up this page.
        </p>
      ) : run.config.kind === 'methods' ? (
        <MethodChart rows={rows} variants={run.config.variants} />
      ) : (
        <BenchmarkChart rows={rows} />
      )}
      <BenchmarkTable rows={rows} />
      {run.config.coldStart && <ColdStartTable rows={coldStartRows(run)} />}
    </section>
  );
});
