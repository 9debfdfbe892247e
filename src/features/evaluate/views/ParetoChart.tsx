/**
 * Across entries: top-1 against latency per image, with the Pareto front (metrics.paretoFront)
 * drawn as a line through the entries nothing beats on both. This answers "which to ship here".
 */
import { CartesianGrid, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { EntryDocument } from '@/features/evaluate/shared/evaluateJson';
import { paretoFront } from '@/features/evaluate/shared/metrics';
import { ACCURACY_AXIS, accuracyLatencyTooltip, GRID, LATENCY_AXIS, STATIC } from './charts';

export function ParetoChart({ entries }: { entries: readonly EntryDocument[] }) {
  const points = entries.flatMap((e) =>
    e.top1 !== null && e.latency.perImageMs !== null ? [{ id: e.entry, accuracy: e.top1, latencyMs: e.latency.perImageMs, label: e.model }] : [],
  );
  if (points.length === 0) return null;
  const front = paretoFront(points);
  const onFront = new Set(front.map((p) => p.id));
  return (
    <figure className="zoo-card evaluate-chart" data-testid="evaluate-pareto" data-front={front.map((p) => p.id).join(' ')}>
      <figcaption>
        Accuracy against latency per image: the line is the Pareto front ({front.length} of {points.length} not beaten on both)
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis {...LATENCY_AXIS} />
          <YAxis {...ACCURACY_AXIS} />
          <ZAxis range={[60, 60]} />
          <Tooltip {...accuracyLatencyTooltip} />
          <Scatter name="entries" data={points.filter((p) => !onFront.has(p.id))} fill="#8b93a7" {...STATIC}>
            <LabelList dataKey="label" position="top" fill="#8b93a7" fontSize={10} />
          </Scatter>
          <Scatter name="Pareto front" data={front} fill="#f5b841" line={{ stroke: '#f5b841' }} {...STATIC}>
            <LabelList dataKey="label" position="top" fill="#f5b841" fontSize={10} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
