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
  const latencies = points.map((p) => p.latencyMs).filter((ms) => ms > 0);
  // A heavy model (ResNet50 at 240 ms) would squash every small one into the first tenth: past a
  // tenfold spread the axis is logarithmic, so each model keeps its own place.
  const [fastest, slowest] = [Math.min(...latencies), Math.max(...latencies)];
  const logScale = latencies.length === points.length && slowest > 10 * fastest;
  // 1-2-5 ticks across the range, with room on both sides for the end points and their labels.
  const logAxis = {
    scale: 'log',
    domain: [fastest * 0.7, slowest * 1.3],
    ticks: [1, 2, 5].flatMap((m) => [0.1, 1, 10, 100, 1000, 10000].map((p) => m * p)).filter((t) => t >= fastest * 0.7 && t <= slowest * 1.3),
    tickFormatter: (ms: number) => `${ms}`,
    allowDataOverflow: true,
    interval: 0,
  } as const;
  return (
    <figure className="zoo-card evaluate-chart" data-testid="evaluate-pareto" data-front={front.map((p) => p.id).join(' ')}>
      <figcaption>
        Accuracy against latency per image{logScale ? ' (log scale)' : ''}: the line is the Pareto front ({front.length} of {points.length} not beaten on both)
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ top: 16, right: 32, bottom: 16, left: 24 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis {...LATENCY_AXIS} {...(logScale ? logAxis : {})} />
          <YAxis {...ACCURACY_AXIS} />
          <ZAxis range={[60, 60]} />
          <Tooltip {...accuracyLatencyTooltip} />
          {/* Only the front is labelled: names of a dozen close points overlap into nothing; the rest are in the results below. */}
          <Scatter name="entries" data={points.filter((p) => !onFront.has(p.id))} fill="#8b93a7" {...STATIC} />
          <Scatter name="Pareto front" data={front} fill="#f5b841" line={{ stroke: '#f5b841' }} {...STATIC}>
            <LabelList dataKey="label" position="top" fill="#f5b841" fontSize={10} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      <p className="muted evaluate-pareto-front" data-testid="evaluate-pareto-front">
        Front, fastest first: {front.map((p) => p.id).join(' · ')}
      </p>
    </figure>
  );
}
