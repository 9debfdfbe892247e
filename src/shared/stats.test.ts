import { describe, expect, it } from 'vitest';
import { bestBatches, geometricMean, parseBatchList, percentileOfSorted, summarize, throughputOf } from './stats';

describe('summarize', () => {
  it('matches statistics worked out by hand (5 samples, given unsorted)', () => {
    // Sorted: 15 20 35 40 50. Ranks: p50 → 2 (35); p95 → 3.8 (40 + 0.8·10 = 48); p99 → 3.96 (49.6).
    // Mean 160 / 5 = 32. Squared deviations 289 + 144 + 9 + 64 + 324 = 830; sample std √(830 / 4).
    const s = summarize([40, 15, 50, 35, 20]);
    expect(s.count).toBe(5);
    expect(s.mean).toBeCloseTo(32, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(207.5), 12);
    expect(s.min).toBe(15);
    expect(s.max).toBe(50);
    expect(s.p50).toBeCloseTo(35, 12);
    expect(s.p95).toBeCloseTo(48, 12);
    expect(s.p99).toBeCloseTo(49.6, 12);
  });

  it('interpolates between ranks for an even count (1..10)', () => {
    // p50 rank 4.5 → 5.5; p95 rank 8.55 → 9.55; p99 rank 8.91 → 9.91.
    const s = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(s.p50).toBeCloseTo(5.5, 12);
    expect(s.p95).toBeCloseTo(9.55, 12);
    expect(s.p99).toBeCloseTo(9.91, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(82.5 / 9), 12);
  });

  it('a single sample is its own distribution with zero spread', () => {
    expect(summarize([7.25])).toEqual({ count: 1, mean: 7.25, std: 0, min: 7.25, max: 7.25, p50: 7.25, p95: 7.25, p99: 7.25 });
  });

  it('refuses empty input and out-of-range percentiles instead of returning NaN', () => {
    expect(() => summarize([])).toThrow(/zero samples/);
    expect(() => percentileOfSorted([1, 2], 101)).toThrow(/0..100/);
    expect(percentileOfSorted([1, 2, 3], 0)).toBe(1);
    expect(percentileOfSorted([1, 2, 3], 100)).toBe(3);
  });
});

describe('throughput and best batches', () => {
  it('turns mean batch latency into per-image cost and images per second', () => {
    expect(throughputOf({ mean: 40 }, 8)).toEqual({ perImage: 5, throughput: 200 });
  });

  it('names the batch with the highest throughput and the one with the lowest latency', () => {
    const stats = (mean: number, p50: number) => ({ ...summarize([mean]), p50 });
    const best = bestBatches([
      { batch: 1, stats: stats(10, 9) }, // 100 img/s, fastest answer
      { batch: 8, stats: stats(40, 39) }, // 200 img/s
      { batch: 32, stats: stats(200, 190) }, // 160 img/s
    ]);
    expect(best.bestThroughput).toEqual({ batch: 8, throughput: 200, perImage: 5 });
    expect(best.bestLatency).toEqual({ batch: 1, p50: 9 });
    expect(bestBatches([])).toEqual({ bestThroughput: null, bestLatency: null });
  });

  it('averages ratios geometrically, ignoring non-positive values', () => {
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
    expect(geometricMean([0, -1])).toBeNull();
  });
});

describe('parseBatchList', () => {
  it('accepts commas and spaces, sorts and removes duplicates', () => {
    expect(parseBatchList('8, 1,2 2  32')).toEqual([1, 2, 8, 32]);
  });
  it('explains what is wrong with a bad entry', () => {
    expect(() => parseBatchList('1,x')).toThrow(/"x" is not a batch size/);
    expect(() => parseBatchList('0')).toThrow(/whole number from 1/);
    expect(() => parseBatchList(' ')).toThrow(/at least one/);
  });
});
