/** Imported reports: top-1 against latency per image, one series (colour) per device, as ParetoChart draws one device's entries. */
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { deviceSeries } from '@/features/evaluate/shared/deviceTable';
import type { ImportedDevice } from '@/features/evaluate/shared/reportImport';
import { AXIS, COLORS, GRID, percent, STATIC } from './charts';

export function DeviceChart({ devices }: { devices: readonly ImportedDevice[] }) {
  const series = deviceSeries(devices).filter((s) => s.points.length > 0);
  if (series.length === 0) return null;
  return (
    <figure className="zoo-card evaluate-chart" data-testid="evaluate-device-chart" data-series={series.length}>
      <figcaption>Accuracy against latency per image, one colour per device ({series.length})</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis
            dataKey="latencyMs"
            type="number"
            name="latency"
            unit=" ms"
            tick={AXIS}
            domain={[0, 'auto']}
            label={{ value: 'ms per image', position: 'insideBottom', offset: -8, fill: '#8b93a7', fontSize: 11 }}
          />
          <YAxis dataKey="accuracy" type="number" name="top-1" tick={AXIS} width={40} domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}`} />
          <ZAxis range={[60, 60]} />
          <Tooltip
            formatter={(value: unknown, name: unknown) => (name === 'top-1' && typeof value === 'number' ? percent(value) : `${Number(value).toFixed(1)} ms`)}
            contentStyle={{ background: '#161a22', border: '1px solid #262b36' }}
          />
          <Legend verticalAlign="bottom" wrapperStyle={{ fontSize: 11, paddingTop: 12 }} />
          {series.map((s, i) => (
            <Scatter key={s.device} name={s.label} data={s.points} fill={COLORS[i % COLORS.length]} {...STATIC} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
