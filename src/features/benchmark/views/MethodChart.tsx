import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { methodBars } from '@/features/benchmark/shared/benchChartData';
import { fmtMs } from '@/features/benchmark/shared/benchFormat';
import { variantDescription } from '@/features/benchmark/shared/benchVariants';
import type { BenchRow } from '@/features/benchmark/shared/benchRun';
import type { BenchVariant } from '@/features/benchmark/shared/messages';
import { variantLabel } from '@/features/benchmark/shared/benchVariants';

const COLORS: Record<string, string> = { wasm: '#5cc98b', webgl: '#b58cff', webgpu: '#7aa2ff', cpu: '#f5b841' };
const AXIS = { stroke: '#8b93a7', fontSize: 12 };

/** Method comparison: median latency per way of running the same model and batch, a bar per backend. */
export function MethodChart({ rows, variants }: { rows: readonly BenchRow[]; variants: readonly BenchVariant[] }) {
  const { backends, bars } = methodBars(rows);
  if (backends.length === 0) return null;
  return (
    <figure data-testid="bench-chart-methods">
      <figcaption>Median latency (ms) by method, same model and batch: lower is better</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#262b36" vertical={false} />
          <XAxis dataKey="variant" tick={AXIS} interval={0} />
          <YAxis tick={AXIS} width={56} tickFormatter={(v: number) => fmtMs(v)} />
          <Tooltip
            formatter={(v: unknown) => `${fmtMs(Number(v))} ms (median)`}
            contentStyle={{ background: '#171a21', border: '1px solid #262b36' }}
            cursor={{ fill: '#1b1f28' }}
          />
          <Legend verticalAlign="top" height={28} />
          {backends.map((b) => (
            <Bar key={b} dataKey={b} name={b} fill={COLORS[b] ?? '#8b93a7'} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <dl className="method-legend">
        {variants.map((v) => (
          <div key={variantLabel(v)}>
            <dt>{variantLabel(v)}</dt>
            <dd>{variantDescription(v)}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
