/** One entry's accuracy under each corruption × severity, against its clean figure, with a chart per kind over severity. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EntryDocument } from '@/features/evaluate/shared/evaluateJson';
import { AXIS, COLORS, GRID, percent, percentTicks, STATIC } from './charts';

function CorruptionChart({ entry }: { entry: EntryDocument }) {
  const kinds = [...new Set(entry.corruptions.map((c) => c.kind))];
  const severities = [...new Set([0, ...entry.corruptions.map((c) => c.severity)])].sort((a, b) => a - b);
  // Severity 0 is the clean figure for every kind: each line starts there.
  const data = severities.map((severity) => ({
    severity,
    ...Object.fromEntries(
      kinds.map((kind) => [kind, severity === 0 ? entry.top1 : (entry.corruptions.find((c) => c.kind === kind && c.severity === severity)?.top1 ?? null)]),
    ),
  }));
  return (
    <figure className="evaluate-chart" data-testid="evaluate-corruption-chart">
      <figcaption>Top-1 over severity</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis dataKey="severity" type="number" domain={[0, 5]} ticks={severities} tick={AXIS} />
          <YAxis tick={AXIS} width={40} domain={[0, 1]} tickFormatter={percentTicks} />
          <Tooltip
            formatter={(value: unknown) => percent(typeof value === 'number' ? value : null)}
            contentStyle={{ background: '#161a22', border: '1px solid #262b36' }}
          />
          <Legend />
          {kinds.map((kind, i) => (
            <Line key={kind} dataKey={kind} stroke={COLORS[i % COLORS.length]} connectNulls {...STATIC} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function CorruptionTable({ entry }: { entry: EntryDocument }) {
  if (entry.corruptions.length === 0) return null;
  return (
    <div className="evaluate-corruptions">
      <h4>
        Robustness{' '}
        <span className="muted" data-testid="evaluate-relative" data-value={entry.corruptedOverClean ?? ''}>
          mean corrupted top-1 = {percent(entry.corruptedOverClean)} of clean
        </span>
      </h4>
      <div className="evaluate-table-wrap">
        <table className="zoo-table">
          <thead>
            <tr>
              <th>corruption</th>
              <th>severity</th>
              <th>top-1</th>
              <th>top-5</th>
              <th>vs clean</th>
            </tr>
          </thead>
          <tbody>
            {entry.corruptions.map((c) => (
              <tr
                key={`${c.kind}-${c.severity}`}
                data-testid="evaluate-corruption"
                data-kind={c.kind}
                data-severity={c.severity}
                data-top1={c.top1 ?? ''}
                data-top5={c.top5 ?? ''}
                data-n={c.n}
              >
                <td>{c.kind}</td>
                <td>{c.severity === 0 ? '0 (clean check)' : c.severity}</td>
                <td>{percent(c.top1)}</td>
                <td>{percent(c.top5)}</td>
                <td>{c.top1 !== null && entry.top1 !== null ? `${((c.top1 - entry.top1) * 100).toFixed(1)} pt` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CorruptionChart entry={entry} />
    </div>
  );
}
