/**
 * The reliability diagram (Guo et al. 2017, fig. 1): each confidence bin's accuracy as a bar, the
 * bin's mean confidence as the line a perfectly calibrated model's bars would reach.
 */
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReliabilityBin } from '@/features/evaluate/shared/metrics';
import { AXIS, GRID, percent, percentTicks, STATIC } from './charts';

export function ReliabilityChart({ bins }: { bins: readonly ReliabilityBin[] }) {
  const data = bins.map((b) => ({
    bin: `${Math.round(b.upper * 100)}`,
    accuracy: b.accuracy,
    confidence: b.confidence ?? (b.lower + b.upper) / 2,
    count: b.count,
  }));
  return (
    <figure className="evaluate-chart" data-testid="evaluate-reliability">
      <figcaption>Reliability: accuracy per confidence bin (bars) against confidence (line)</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis
            dataKey="bin"
            tick={AXIS}
            interval={2}
            label={{ value: 'confidence ≤ %', position: 'insideBottom', offset: -2, fill: '#8b93a7', fontSize: 11 }}
          />
          <YAxis tick={AXIS} width={40} domain={[0, 1]} tickFormatter={percentTicks} />
          <Tooltip
            formatter={(value: unknown, name: unknown) => [percent(typeof value === 'number' ? value : null), String(name)]}
            labelFormatter={(label: unknown) => `confidence up to ${String(label)} %`}
            contentStyle={{ background: '#161a22', border: '1px solid #262b36' }}
          />
          <Bar dataKey="accuracy" fill="#7aa2ff" {...STATIC} />
          <Line dataKey="confidence" stroke="#f5b841" dot={false} {...STATIC} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
