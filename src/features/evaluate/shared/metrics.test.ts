import { describe, expect, it } from 'vitest';
import { calibrationBinIndex, dominates, expectedCalibrationError, paretoFront, perClassAccuracy, topConfusions, wilsonInterval, Z_95 } from './metrics';

describe('wilsonInterval', () => {
  it('matches a worked example: 81 right of 263', () => {
    // p = 81/263 = 0.307985; z² = 3.841459; z²/n = 0.014606, so the denominator is 1.014606.
    // centre = (0.307985 + 3.841459/526) / 1.014606 = (0.307985 + 0.007303) / 1.014606 = 0.310749.
    // p(1−p)/n = 0.213130/263 = 0.00081038; z²/(4n²) = 3.841459/276676 = 0.00001388; sum 0.00082426,
    // √ = 0.028710; half-width = 1.959964 · 0.028710 / 1.014606 = 0.055461 → [0.25529, 0.36621].
    const { low, high } = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.255289, 6);
    expect(high).toBeCloseTo(0.36621, 5);
  });

  it('is symmetric about ½ for half right (5 of 10)', () => {
    // centre = (0.5 + 0.192073) / 1.384146 = 0.5 exactly; half-width = 1.959964·√(0.025 + 0.009604)/1.384146 = 0.263407.
    const { low, high } = wilsonInterval(5, 10);
    expect(low).toBeCloseTo(0.236593, 6);
    expect(high).toBeCloseTo(0.763407, 6);
  });

  it('pins the end it touches at 0/n and n/n, and the other end has a closed form', () => {
    // With p = 0 the upper bound reduces to z²/(n + z²); with p = 1 the lower bound to n/(n + z²).
    const z2 = Z_95 * Z_95;
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(z2 / (10 + z2), 12) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(10 / (10 + z2), 12), high: 1 });
    expect(wilsonInterval(1, 1).high).toBe(1);
  });

  it('knows nothing from no trials, and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(11, 10)).toThrow(/within 0..10/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/whole number/);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(30, 100);
    const narrow = wilsonInterval(30, 100, 1);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });
});

describe('expectedCalibrationError', () => {
  it('matches a worked example: 10 predictions in 5 bins', () => {
    // Bins (0,.2] (.2,.4] (.4,.6] (.6,.8] (.8,1]; 0 joins the first, 0.2 and 0.8 close theirs.
    //   bin 1: 0 ✗, 0.2 ✗            → 2 items, acc 0,   conf 0.1,      |Σright − Σconf| = |0 − 0.2|  = 0.2
    //   bin 2: 0.3 ✓                 → 1 item,  acc 1,   conf 0.3,      |1 − 0.3|                     = 0.7
    //   bin 3: empty
    //   bin 4: 0.65 ✓, 0.7 ✓, 0.8 ✗   → 3 items, acc 2/3, conf 2.15/3,   |2 − 2.15|                    = 0.15
    //   bin 5: 0.85 ✗, 0.9 ✓, 0.95 ✓, 1 ✓ → 4 items, acc 0.75, conf 0.925, |3 − 3.7|                 = 0.7
    // ECE = (0.2 + 0.7 + 0.15 + 0.7) / 10 = 0.175. Per bin e.g. bin 5: 4/10 · |0.75 − 0.925| = 0.07.
    const confidences = [0, 0.2, 0.3, 0.65, 0.7, 0.8, 0.85, 0.9, 0.95, 1];
    const correct = [false, false, true, true, true, false, false, true, true, true];
    const { ece, bins } = expectedCalibrationError(confidences, correct, 5);
    expect(ece).toBeCloseTo(0.175, 12);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 3, 4]);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.2, count: 2, accuracy: 0, confidence: 0.1 });
    expect(bins[2]).toEqual({ lower: 0.4, upper: 0.6, count: 0, accuracy: null, confidence: null });
    expect(bins[3]?.accuracy).toBeCloseTo(2 / 3, 12);
    expect(bins[3]?.confidence).toBeCloseTo(2.15 / 3, 12);
    expect(bins[4]?.confidence).toBeCloseTo(0.925, 12);
  });

  it('is zero when confidence equals accuracy in every bin', () => {
    // Four at 0.75 with three right, four at 0.25 with one right.
    const confidences = [0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.25];
    const correct = [true, true, true, false, true, false, false, false];
    const { ece, bins } = expectedCalibrationError(confidences, correct);
    expect(ece).toBe(0);
    expect(bins).toHaveLength(15);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(8);
  });

  it('is the gap itself for one overconfident bin', () => {
    // All at 0.9, half right: |0.5 − 0.9| = 0.4.
    expect(expectedCalibrationError([0.9, 0.9, 0.9, 0.9], [true, false, true, false], 10).ece).toBeCloseTo(0.4, 12);
  });

  it('puts edge confidences in the bin they close, 0 in the first', () => {
    expect(calibrationBinIndex(0, 10)).toBe(0);
    expect(calibrationBinIndex(0.1, 10)).toBe(0);
    expect(calibrationBinIndex(0.7, 10)).toBe(6); // 0.7·10 is 7.000000000000001 in floating point
    expect(calibrationBinIndex(0.7000001, 10)).toBe(7);
    expect(calibrationBinIndex(1, 10)).toBe(9);
    expect(calibrationBinIndex(1 / 15, 15)).toBe(0);
    expect(calibrationBinIndex(0.5, 1)).toBe(0);
  });

  it('reports no ECE for no predictions, and refuses bad input', () => {
    const empty = expectedCalibrationError([], [], 3);
    expect(empty.ece).toBeNull();
    expect(empty.bins.map((b) => b.count)).toEqual([0, 0, 0]);
    expect(() => expectedCalibrationError([0.5], [], 3)).toThrow(/1 confidences but 0/);
    expect(() => expectedCalibrationError([1.2], [true])).toThrow(/not within/);
    expect(() => expectedCalibrationError([Number.NaN], [true])).toThrow(/not within/);
    expect(() => expectedCalibrationError([0.5], [true], 0)).toThrow(/bins/);
  });
});

describe('paretoFront', () => {
  it('keeps the points nothing beats on both accuracy and latency, fastest first', () => {
    const points = [
      { id: 'D', accuracy: 0.8, latencyMs: 30 },
      { id: 'C', accuracy: 0.72, latencyMs: 12 }, // B is more accurate and faster
      { id: 'A', accuracy: 0.7, latencyMs: 5 },
      { id: 'E', accuracy: 0.8, latencyMs: 40 }, // D: as accurate, faster
      { id: 'F', accuracy: 0.6, latencyMs: 5 }, // A: as fast, more accurate
      { id: 'B2', accuracy: 0.75, latencyMs: 10 }, // identical to B: neither dominates, both stay
      { id: 'B', accuracy: 0.75, latencyMs: 10 },
      { id: 'H', accuracy: 0.99, latencyMs: Number.NaN }, // cannot be compared
    ];
    expect(paretoFront(points).map((p) => p.id)).toEqual(['A', 'B', 'B2', 'D']);
  });

  it('keeps extra fields, and needs one strict improvement to dominate', () => {
    const a = { id: 'a', accuracy: 0.5, latencyMs: 10, label: 'fp16' };
    expect(paretoFront([a])).toEqual([a]);
    expect(dominates(a, { ...a, id: 'b' })).toBe(false);
    expect(dominates(a, { ...a, latencyMs: 11 })).toBe(true);
    expect(paretoFront([])).toEqual([]);
  });
});

describe('confusions and per-class accuracy', () => {
  const pairs = [
    ...Array.from({ length: 3 }, () => ({ truth: 1, predicted: 2 })),
    ...Array.from({ length: 3 }, () => ({ truth: 0, predicted: 5 })),
    ...Array.from({ length: 5 }, () => ({ truth: 1, predicted: 1 })),
    { truth: 2, predicted: 1 },
    { truth: 3, predicted: 4 },
    { truth: 3, predicted: 4 },
  ];

  it('lists the most frequent mistakes, ties by true class, and never a right answer', () => {
    expect(topConfusions(pairs, 3)).toEqual([
      { truth: 0, predicted: 5, count: 3 },
      { truth: 1, predicted: 2, count: 3 },
      { truth: 3, predicted: 4, count: 2 },
    ]);
    expect(topConfusions(pairs)).toHaveLength(4);
    expect(topConfusions(pairs, 0)).toEqual([]);
  });

  it('counts each true class and its top-1 hits', () => {
    expect(perClassAccuracy(pairs)).toEqual([
      { truth: 0, n: 3, top1Correct: 0, accuracy: 0 },
      { truth: 1, n: 8, top1Correct: 5, accuracy: 0.625 },
      { truth: 2, n: 1, top1Correct: 0, accuracy: 0 },
      { truth: 3, n: 2, top1Correct: 0, accuracy: 0 },
    ]);
    expect(perClassAccuracy([])).toEqual([]);
  });
});
