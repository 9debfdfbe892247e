import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { metricByBatch, percentilesByBatch, type Metric } from '@/features/benchmark/shared/benchChartData';
import { fmtMs, fmtRate } from '@/features/benchmark/shared/benchFormat';
import type { BenchRow } from '@/features/benchmark/shared/benchRun';

const COLORS = ['#f5b841', '#7aa2ff', '#5cc98b', '#ff6b6b', '#b58cff', '#4dd0e1', '#ff9f5a', '#c0ca33'];
const METRICS: { id: Metric; label: string; unit: string }[] = [
  { id: 'throughput', label: 'Throughput', unit: 'images/s' },
  { id: 'perImage', label: 'Time per image', unit: 'ms' },
  { id: 'p50', label: 'Median batch latency', unit: 'ms' },
];
const AXIS = { stroke: '#8b93a7', fontSize: 12 };
// Animations would redraw for half a second after every batch: pure main-thread cost while timing.
const STATIC = { isAnimationActive: false } as const;

const show =
  (unit: string) =>
  (value: unknown): string => {
    const n = Number(value);
    return unit === 'images/s' ? `${fmtRate(n)} ${unit}` : `${fmtMs(n)} ${unit}`;
  };

/** Sweep charts: a metric against batch size per model × backend, and the latency percentiles of one series. */
export function BenchmarkChart({ rows }: { rows: readonly BenchRow[] }) {
  const [metric, setMetric] = useState<Metric>('throughput');
  const chosen = METRICS.find((m) => m.id === metric) ?? METRICS[0]!;
  const { series, points } = metricByBatch(rows, metric);
  const [picked, setPicked] = useState<string | null>(null);
  const focus = picked && series.includes(picked) ? picked : (series[0] ?? null);
  const percentiles = focus ? percentilesByBatch(rows, focus) : [];
  if (series.length === 0) return null;
  // Backends can differ fifty-fold here: on a linear axis the slow ones would be a flat line at 0.
  const values = points.flatMap((p) => series.map((s) => p[s]).filter((v): v is number => v !== undefined && v > 0));
  const logY = values.length > 1 && Math.max(...values) / Math.min(...values) > 10;

  return (
    <div className="bench-charts">
      <figure data-testid="bench-chart-metric">
        <figcaption>
          <select aria-label="Metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label} ({m.unit})
              </option>
            ))}
          </select>{' '}
          against batch size{logY ? ' (log scale)' : ''}
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#262b36" />
            <XAxis dataKey="batch" scale="log" domain={['auto', 'auto']} type="number" ticks={points.map((p) => p['batch'] ?? 0)} tick={AXIS} />
            <YAxis
              tick={AXIS}
              width={56}
              scale={logY ? 'log' : 'auto'}
              domain={logY ? ['auto', 'auto'] : [0, 'auto']}
              allowDataOverflow={false}
              tickFormatter={(v: number) => (chosen.unit === 'ms' ? fmtMs(v) : fmtRate(v))}
            />
            <Tooltip
              formatter={show(chosen.unit)}
              labelFormatter={(b) => `batch ${String(b)}`}
              contentStyle={{ background: '#171a21', border: '1px solid #262b36' }}
            />
            <Legend />
            {series.map((s, i) => (
              <Line key={s} dataKey={s} name={s} stroke={COLORS[i % COLORS.length]} dot connectNulls {...STATIC} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure data-testid="bench-chart-percentiles">
        <figcaption>
          Latency percentiles (ms) against batch size for{' '}
          <select aria-label="Series" value={focus ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {series.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={percentiles} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#262b36" />
            <XAxis dataKey="batch" scale="log" domain={['auto', 'auto']} type="number" ticks={percentiles.map((p) => p.batch)} tick={AXIS} />
            <YAxis tick={AXIS} width={56} tickFormatter={(v: number) => fmtMs(v)} />
            <Tooltip
              formatter={show('ms')}
              labelFormatter={(b) => `batch ${String(b)}`}
              contentStyle={{ background: '#171a21', border: '1px solid #262b36' }}
            />
            <Legend />
            <Line dataKey="min" name="min" stroke="#5cc98b" strokeDasharray="2 3" {...STATIC} />
            <Line dataKey="p50" name="p50" stroke="#f5b841" {...STATIC} />
            <Line dataKey="p95" name="p95" stroke="#ff9f5a" {...STATIC} />
            <Line dataKey="p99" name="p99" stroke="#ff6b6b" {...STATIC} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
