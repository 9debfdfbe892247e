import { describe, expect, it } from 'vitest';
import { type DiffedEntry, diffRuns, top1Verdict } from './evaluateDiff';
import { wilsonInterval } from './metrics';

// Wilson 95 % intervals worked by hand (z = 1.959964, n = 20):
// 18/20 → centre 0.835553 ± 0.136583 = [0.69897, 0.97214]; 12/20 → 0.583892 ± 0.197306 = [0.38659, 0.78120];
// 10/20 → 0.5 ± 0.200704 = [0.29930, 0.70070].
const HAND = { 18: { low: 0.69897, high: 0.97214 }, 12: { low: 0.38659, high: 0.7812 }, 10: { low: 0.2993, high: 0.7007 } } as const;

const entry = (key: string, correct: 18 | 12 | 10, top5: number, ece: number | null, perImageMs: number | null): DiffedEntry => ({
  entry: key,
  n: 20,
  top1: correct / 20,
  top5,
  ece,
  top1Interval: HAND[correct],
  latency: { perImageMs },
});

describe('the hand-worked intervals', () => {
  it('are what wilsonInterval gives', () => {
    for (const correct of [18, 12, 10] as const) {
      const interval = wilsonInterval(correct, 20);
      expect(interval.low).toBeCloseTo(HAND[correct].low, 4);
      expect(interval.high).toBeCloseTo(HAND[correct].high, 4);
    }
  });
});

describe('diffRuns', () => {
  const V2 = 'mobilenet_v2_100_224:float32@tfjs/wasm';
  const V1 = 'mobilenet_v1_025_224_graph:float32@tfjs/wasm';

  it('gives B − A per entry, and identical runs differ by 0 within noise', () => {
    const a = [entry(V2, 18, 1, 0.05, 12)];
    const [row] = diffRuns(a, a);
    expect(row).toMatchObject({ entry: V2, dTop1: 0, dTop5: 0, dEce: 0, dLatencyMs: 0, verdict: 'within-noise' });
  });

  it('computes each Δ from the two reports', () => {
    const [row] = diffRuns([entry(V2, 18, 0.95, 0.04, 12.5)], [entry(V2, 12, 0.85, 0.1, 10)]);
    expect(row?.dTop1).toBeCloseTo(-0.3, 12); // 0.6 − 0.9
    expect(row?.dTop5).toBeCloseTo(-0.1, 12);
    expect(row?.dEce).toBeCloseTo(0.06, 12);
    expect(row?.dLatencyMs).toBeCloseTo(-2.5, 12);
    // 0.6 < 0.69897 (outside A's) and 0.9 > 0.78120 (outside B's).
    expect(row?.verdict).toBe('outside-both');
  });

  it('calls a change within noise when one top-1 sits inside the other run’s interval', () => {
    // 0.5 lies inside 12/20's [0.38659, 0.78120].
    expect(top1Verdict(entry(V2, 12, 1, 0, 1), entry(V2, 10, 1, 0, 1))).toBe('within-noise');
    // B's 0.8 is outside A's tight [0.85, 0.95], but A's 0.9 is inside B's wide [0.6, 0.95]: not both.
    const tight = { ...entry(V2, 18, 1, 0, 1), top1: 0.9, top1Interval: { low: 0.85, high: 0.95 } };
    const wide = { ...entry(V2, 18, 1, 0, 1), top1: 0.8, top1Interval: { low: 0.6, high: 0.95 } };
    expect(top1Verdict(tight, wide)).toBe('within-noise');
    expect(top1Verdict(tight, { ...wide, top1Interval: { low: 0.6, high: 0.88 } })).toBe('outside-both');
  });

  it('matches on the entry key, keeps A’s order, and leaves Δ empty for an entry only one run has', () => {
    const rows = diffRuns([entry(V2, 18, 1, 0.1, 5), entry(V1, 10, 0.8, 0.2, 2)], [entry(V1, 12, 0.9, null, 3), entry('other:int8@ort/wasm', 10, 1, 0, 1)]);
    expect(rows.map((r) => r.entry)).toEqual([V2, V1, 'other:int8@ort/wasm']);
    expect(rows[0]).toMatchObject({ b: null, dTop1: null, dLatencyMs: null, verdict: null });
    expect(rows[1]?.dTop1).toBeCloseTo(0.1, 12);
    expect(rows[1]?.dEce).toBeNull(); // B has no ECE
    expect(rows[1]?.dLatencyMs).toBe(1);
    expect(rows[2]).toMatchObject({ a: null, dTop1: null });
  });

  it('gives no verdict when a run scored nothing', () => {
    expect(top1Verdict({ ...entry(V2, 10, 1, 0, 1), top1: null }, entry(V2, 10, 1, 0, 1))).toBeNull();
  });
});
