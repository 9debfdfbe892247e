import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TeachEpoch } from '@/features/teach/shared/teach';
import { evenlyThinned } from '@/features/teach/shared/chartPoints';

const MAX_POINTS = 300;

const AXIS = { stroke: '#8b93a7', fontSize: 12 };

/** The dense head's loss and accuracy per epoch, drawn as they arrive. */
export function TrainChart({ epochs }: { epochs: readonly TeachEpoch[] }) {
  if (epochs.length === 0) return null;
  const data = evenlyThinned(epochs, MAX_POINTS).map((e) => ({ epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, 'held-out accuracy': e.valAccuracy }));
  return (
    <figure data-testid="teach-chart" data-epochs={epochs.length}>
      <figcaption>
        Epoch {epochs.at(-1)?.epoch} of {epochs.at(-1)?.epochs}: loss and accuracy
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#262b36" />
          <XAxis dataKey="epoch" tick={AXIS} />
          <YAxis tick={AXIS} width={40} />
          <Tooltip formatter={(v: unknown) => Number(v).toFixed(3)} contentStyle={{ background: '#171a21', border: '1px solid #262b36' }} />
          <Legend verticalAlign="top" height={24} />
          <Line dataKey="loss" stroke="#f5b841" dot={false} isAnimationActive={false} />
          <Line dataKey="accuracy" stroke="#7aa2ff" dot={false} isAnimationActive={false} />
          <Line dataKey="held-out accuracy" stroke="#5cc98b" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
