/** Chart settings shared by Evaluate's charts (the Benchmark view's palette and axis style). */
export const COLORS = ['#f5b841', '#7aa2ff', '#5cc98b', '#ff6b6b', '#b58cff', '#4dd0e1', '#ff9f5a', '#c0ca33'];
export const AXIS = { stroke: '#8b93a7', fontSize: 12 };
export const GRID = '#262b36';
/** No animation: charts redraw as entries finish, and a half-second tween each time only costs. */
export const STATIC = { isAnimationActive: false } as const;

export const percent = (fraction: number | null | undefined, digits = 1): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(fraction * 100).toFixed(digits)} %`;

/** A fraction axis (0–1) labelled in whole percents. */
export const percentTicks = (v: number): string => `${Math.round(v * 100)}`;

/**
 * The accuracy–latency scatter's axes and tooltip, one place for the Pareto chart and the
 * cross-device chart (Recharts wants its axes as direct children, so these are props, not a component).
 */
export const LATENCY_AXIS = {
  dataKey: 'latencyMs',
  type: 'number',
  name: 'latency',
  unit: ' ms',
  tick: AXIS,
  domain: [0, 'auto'],
  label: { value: 'ms per image', position: 'insideBottom', offset: -8, fill: '#8b93a7', fontSize: 11 },
} as const;
export const ACCURACY_AXIS = {
  dataKey: 'accuracy',
  type: 'number',
  name: 'top-1',
  tick: AXIS,
  width: 40,
  domain: [0, 1],
  tickFormatter: percentTicks,
} as const;
export const accuracyLatencyTooltip = {
  formatter: (value: unknown, name: unknown) => (name === 'top-1' && typeof value === 'number' ? percent(value) : `${Number(value).toFixed(1)} ms`),
  contentStyle: { background: '#161a22', border: '1px solid #262b36' },
};
