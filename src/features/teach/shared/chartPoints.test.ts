import { describe, expect, it } from 'vitest';
import { evenlyThinned } from './chartPoints';

describe('evenlyThinned', () => {
  it('keeps short series whole', () => {
    expect(evenlyThinned([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps the first and last and spreads the rest evenly', () => {
    const series = Array.from({ length: 5000 }, (_, i) => i);
    const thinned = evenlyThinned(series, 300);
    expect(thinned).toHaveLength(300);
    expect(thinned[0]).toBe(0);
    expect(thinned.at(-1)).toBe(4999);
    const gaps = thinned.slice(1).map((v, i) => v - (thinned[i] ?? 0));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });
});
