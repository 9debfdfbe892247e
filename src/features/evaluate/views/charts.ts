/** Chart settings shared by Evaluate's charts (the Benchmark view's palette and axis style). */
export const COLORS = ['#f5b841', '#7aa2ff', '#5cc98b', '#ff6b6b', '#b58cff', '#4dd0e1', '#ff9f5a', '#c0ca33'];
export const AXIS = { stroke: '#8b93a7', fontSize: 12 };
export const GRID = '#262b36';
/** No animation: charts redraw as entries finish, and a half-second tween each time only costs. */
export const STATIC = { isAnimationActive: false } as const;

export const percent = (fraction: number | null | undefined, digits = 1): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(fraction * 100).toFixed(digits)} %`;
