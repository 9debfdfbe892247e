/** Imported reports: top-1 against latency per image, one series (colour) per device, as ParetoChart draws one device's entries. */
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { deviceSeries } from '@/features/evaluate/shared/deviceTable';
import type { ImportedDevice } from '@/features/evaluate/shared/reportImport';
import { ACCURACY_AXIS, accuracyLatencyTooltip, COLORS, GRID, LATENCY_AXIS, STATIC } from './charts';

export function DeviceChart({ devices }: { devices: readonly ImportedDevice[] }) {
  const series = deviceSeries(devices).filter((s) => s.points.length > 0);
  if (series.length === 0) return null;
  return (
    <figure className="zoo-card evaluate-chart" data-testid="evaluate-device-chart" data-series={series.length}>
      <figcaption>Accuracy against latency per image, one colour per device ({series.length})</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis {...LATENCY_AXIS} />
          <YAxis {...ACCURACY_AXIS} />
          <ZAxis range={[60, 60]} />
          <Tooltip {...accuracyLatencyTooltip} />
          <Legend verticalAlign="bottom" wrapperStyle={{ fontSize: 11, paddingTop: 12 }} />
          {series.map((s, i) => (
            <Scatter key={s.device} name={s.label} data={s.points} fill={COLORS[i % COLORS.length]} {...STATIC} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
