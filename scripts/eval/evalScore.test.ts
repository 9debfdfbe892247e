import { describe, expect, it } from 'vitest';
import { agreement, photoVerdict, scoreAccuracy, topIndices, type ImageOutcome } from './evalScore';

/** An ok outcome whose probabilities put `ranking` first (descending), with exact values given. */
function outcome(file: string, values: Record<number, number>): ImageOutcome {
  const probabilities = new Float32Array(1000);
  for (const [k, v] of Object.entries(values)) probabilities[Number(k)] = v;
  return { file, ok: true, top5: topIndices(probabilities, 5), top1Label: `class ${topIndices(probabilities, 1)[0]}`, probabilities };
}
const failed = (file: string): ImageOutcome => ({ file, ok: false, error: 'decode failed' });

describe('topIndices', () => {
  it('orders by value, largest first, ties by lower index', () => {
    expect(topIndices([0.1, 0.5, 0.2, 0.5, 0], 3)).toEqual([1, 3, 2]);
    expect(topIndices([1, 2], 5)).toEqual([1, 0]);
  });
});

describe('scoreAccuracy', () => {
  it('counts top-1 and top-5 hits as fractions of all images, failures counted wrong', () => {
    const outcomes = [
      outcome('a', { 7: 0.9, 3: 0.1 }), // top-1 hit (label 7)
      outcome('b', { 1: 0.5, 2: 0.2, 3: 0.1, 4: 0.1, 5: 0.05, 6: 0.05 }), // label 5: top-5 hit only
      outcome('c', { 1: 0.5, 2: 0.2, 3: 0.1, 4: 0.1, 5: 0.05, 6: 0.04 }), // label 6: sixth, a miss
      failed('d'),
    ];
    const acc = scoreAccuracy(outcomes, [7, 5, 6, 0]);
    expect(acc).toEqual({ n: 4, top1: 0.25, top5: 0.5, failed: 1 });
  });
  it('refuses mismatched lengths', () => {
    expect(() => scoreAccuracy([failed('a')], [])).toThrow(/1 outcomes for 0 labels/);
  });
});

describe('photoVerdict', () => {
  it('is yes / no against the acceptable set, any when none is listed, error on failure', () => {
    const cat = outcome('chelsea.png', { 285: 0.6, 281: 0.3 });
    expect(photoVerdict(cat, [281, 282, 285])).toBe('yes');
    expect(photoVerdict(cat, [934])).toBe('no');
    expect(photoVerdict(cat, [])).toBe('any');
    expect(photoVerdict(failed('x'), [1])).toBe('error');
  });
});

describe('agreement', () => {
  it('is the fraction with the same top-1 and the largest |Δp| over every class and image', () => {
    const a = [outcome('1', { 3: 0.6, 4: 0.4 }), outcome('2', { 8: 0.51, 9: 0.49 }), outcome('3', { 1: 1 })];
    const b = [outcome('1', { 3: 0.6005, 4: 0.3995 }), outcome('2', { 8: 0.49, 9: 0.51 }), outcome('3', { 1: 1 })];
    const r = agreement(a, b);
    expect(r.compared).toBe(3);
    expect(r.sameTop1).toBe(2);
    expect(r.sameTop1Fraction).toBeCloseTo(2 / 3, 10);
    expect(r.maxAbsDelta).toBeCloseTo(0.02, 6);
    expect(r.worst?.file).toBe('2');
    expect(r.disagreements).toEqual([{ file: '2', a: 8, b: 9 }]);
  });
  it('leaves images that failed on either side out of the denominator', () => {
    const r = agreement([outcome('1', { 3: 1 }), failed('2')], [outcome('1', { 3: 1 }), outcome('2', { 3: 1 })]);
    expect(r).toMatchObject({ compared: 1, failed: 1, sameTop1: 1, sameTop1Fraction: 1, maxAbsDelta: 0 });
  });
  it('refuses runs over different images', () => {
    expect(() => agreement([outcome('1', { 1: 1 })], [outcome('2', { 1: 1 })])).toThrow(/1 on one side and 2 on the other/);
    expect(() => agreement([], [failed('x')])).toThrow(/cannot compare 0 outcomes with 1/);
  });
});
