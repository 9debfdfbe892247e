import { fmtMs } from '@/features/benchmark/shared/benchFormat';
import type { ColdStartRow } from '@/features/benchmark/shared/benchRun';

/** The first seconds, apart from steady state: load, warm-up (weight upload + compile), first run per batch. */
export function ColdStartTable({ rows }: { rows: readonly ColdStartRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="bench-table" data-testid="bench-cold-start">
        <caption>Cold start, then steady state</caption>
        <thead>
          <tr>
            <th>model</th>
            <th>backend</th>
            <th title="model.json and weights: network download, or a Cache Storage hit">load</th>
            <th title="first pass on zeros at batch 1: weight upload to the device and kernel compilation">warm-up</th>
            <th>first run → steady median, per batch size</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr
              key={`${c.model}|${c.backend}`}
              data-testid="bench-cold-row"
              data-model={c.model}
              data-backend={c.backend}
              data-load-ms={c.loadMs.toFixed(1)}
              data-warmup-ms={c.warmupMs.toFixed(1)}
            >
              <td>{c.model}</td>
              <td>{c.backend}</td>
              <td className="num">
                {fmtMs(c.loadMs)} ms <span className="muted">({c.fromCache ? 'cache hit' : 'download'})</span>
              </td>
              <td className="num">{fmtMs(c.warmupMs)} ms</td>
              <td>
                {c.firstRuns.map((f) => (
                  <span key={f.batch} className="first-run">
                    b{f.batch}: {fmtMs(f.firstMs)} → {fmtMs(f.p50)} ms
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
