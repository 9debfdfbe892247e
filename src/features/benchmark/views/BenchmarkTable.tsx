import { fmtMs, fmtRate } from '@/features/benchmark/shared/benchFormat';
import type { BenchRow } from '@/features/benchmark/shared/benchRun';

/** Every figure, one row per model × backend × batch × variant; failures and leaks stand out. */
export function BenchmarkTable({ rows }: { rows: readonly BenchRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="bench-table" data-testid="bench-table">
        <thead>
          <tr>
            <th>model</th>
            <th>runtime</th>
            <th>backend</th>
            <th title="wasm threads">threads</th>
            <th>batch</th>
            <th>variant</th>
            <th title="timed runs">n</th>
            <th>mean</th>
            <th>std</th>
            <th>min</th>
            <th>max</th>
            <th>p50</th>
            <th>p95</th>
            <th>p99</th>
            <th title="mean batch latency / batch size">ms / image</th>
            <th>images / s</th>
            <th title="the first warm-up run at this batch size">first run</th>
            <th title="tf.memory() tensors before → after the batch">tensors</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.model}|${r.runtime}|${r.backend}|${r.batch}|${r.variant}`}
              data-testid="bench-row"
              data-model={r.model}
              data-runtime={r.runtime}
              data-backend={r.backend}
              data-batch={r.batch}
              data-variant={r.variant}
              data-status={r.status}
              data-leaked={r.leaked}
              data-p50={r.p50 ?? ''}
              className={r.status !== 'ok' ? 'row-failed' : r.leaked ? 'row-leak' : undefined}
            >
              <td>{r.model}</td>
              <td>{r.runtime}</td>
              <td>{r.backend}</td>
              <td className="num">{r.threads ?? ''}</td>
              <td className="num">{r.batch}</td>
              <td>{r.variant}</td>
              {r.status === 'ok' ? (
                <>
                  <td className="num">{r.count}</td>
                  {[r.mean, r.std, r.min, r.max, r.p50, r.p95, r.p99, r.perImage].map((v, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed row of eight statistic columns; the index is the column
                    <td key={i} className="num">
                      {fmtMs(v)}
                    </td>
                  ))}
                  <td className="num">{fmtRate(r.throughput)}</td>
                  <td className="num">{fmtMs(r.firstMs)}</td>
                </>
              ) : (
                <td colSpan={11} className={r.status === 'failed' ? 'error' : 'muted'}>
                  {r.status}: {r.note}
                </td>
              )}
              <td className={`num${r.leaked ? ' error' : ''}`} title={r.leaked ? 'tensors were left behind: a leak' : undefined}>
                {r.tensorsBefore} → {r.tensorsAfter}
                {r.leaked ? ' leak' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
