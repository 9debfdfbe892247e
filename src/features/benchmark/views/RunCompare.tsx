import { useStore } from '@/app/store';
import { compareRuns } from '@/features/benchmark/shared/benchCompare';
import { fmtMs, fmtRate } from '@/features/benchmark/shared/benchFormat';
import { benchRows } from '@/features/benchmark/shared/benchRun';

/** Two saved runs side by side, matched on model × backend × batch × variant. */
export function RunCompare() {
  const history = useStore((s) => s.benchHistory);
  const { a, b } = useStore((s) => s.benchCompare);
  const runA = history.find((r) => r.id === a);
  const runB = history.find((r) => r.id === b);
  if (!runA || !runB) return <p className="muted">Pick a run as A and another as B to compare them.</p>;
  const rows = compareRuns(benchRows(runA), benchRows(runB));
  const sameMachine = runA.environment.userAgent === runB.environment.userAgent;
  return (
    <div className="table-wrap">
      {!sameMachine && <p className="warn">The two runs come from different browsers or machines: compare with care.</p>}
      <table className="bench-table" data-testid="bench-compare">
        <caption>
          A: {new Date(runA.startedAt).toLocaleString()} · B: {new Date(runB.startedAt).toLocaleString()}
        </caption>
        <thead>
          <tr>
            <th>model</th>
            <th>backend</th>
            <th>batch</th>
            <th>variant</th>
            <th>A p50</th>
            <th>B p50</th>
            <th title="B median / A median: below 1 means B was faster">B / A</th>
            <th>A images/s</th>
            <th>B images/s</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.model}|${r.backend}|${r.batch}|${r.variant}`} data-testid="bench-compare-row" data-ratio={r.ratio ?? ''}>
              <td>{r.model}</td>
              <td>{r.backend}</td>
              <td className="num">{r.batch}</td>
              <td>{r.variant}</td>
              <td className="num">{fmtMs(r.a?.p50)}</td>
              <td className="num">{fmtMs(r.b?.p50)}</td>
              <td className={`num ${r.ratio === null ? '' : r.ratio < 0.95 ? 'ok' : r.ratio > 1.05 ? 'error' : ''}`}>
                {r.ratio === null ? '–' : r.ratio.toFixed(3)}
              </td>
              <td className="num">{fmtRate(r.a?.throughput)}</td>
              <td className="num">{fmtRate(r.b?.throughput)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
