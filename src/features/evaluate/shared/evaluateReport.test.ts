import { describe, expect, it } from 'vitest';
import { corruptionRow, evaluateReport, type ImageOutcome, NO_CLASS, outcomeOf, relativeCorruptedAccuracy } from './evaluateReport';
import type { ClassifyItem } from '@/features/classify/shared/messages';

const ok = (file: string, truth: number, top: number[], top1Probability: number): ImageOutcome => ({ file, truth, status: 'ok', top, top1Probability });

/** Worked by hand below: 4 scored images (one failed), 3 unmapped. */
const outcomes: ImageOutcome[] = [
  ok('a', 0, [0, 1, 2, 3, 4], 0.9), // top-1 right
  ok('b', 0, [1, 0, 2, 3, 4], 0.6), // top-1 wrong, top-5 right
  ok('c', 1, [1, 0, 2, 3, 4], 0.95), // top-1 right
  ok('d', 2, [1, 3, 4, 5, 6], 0.5), // both wrong
  { file: 'e', truth: 2, status: 'error', message: 'undecodable' },
];

describe('evaluateReport', () => {
  const report = evaluateReport(outcomes, 3);

  it('counts scored, failed and unmapped images apart', () => {
    expect([report.n, report.failed, report.unmapped]).toEqual([4, 1, 3]);
  });

  it('gives top-1 2/4 and top-5 3/4', () => {
    expect(report.top1).toBe(0.5);
    expect(report.top5).toBe(0.75);
  });

  it('gives Wilson 95 % intervals (statsmodels proportion_confint(2, 4, method="wilson") = 0.150039, 0.849961)', () => {
    expect(report.top1Interval.low).toBeCloseTo(0.150039, 6);
    expect(report.top1Interval.high).toBeCloseTo(0.849961, 6);
    // 3/4: p = 0.75, centre (0.75 + z²/8)/(1 + z²/4) = 0.627527, half-width 0.326885.
    expect(report.top5Interval.low).toBeCloseTo(0.300642, 6);
    expect(report.top5Interval.high).toBeCloseTo(0.954413, 6);
  });

  it('gives the ECE over 15 bins: each confidence alone in its bin, (0.1 + 0.6 + 0.05 + 0.5) / 4 = 0.3125', () => {
    expect(report.ece).toBeCloseTo(0.3125, 12);
    expect(report.reliability).toHaveLength(15);
    expect(report.reliability.filter((b) => b.count > 0).map((b) => [Math.round(b.upper * 15), b.accuracy])).toEqual([
      [8, 0], // 0.5 in (7/15, 8/15]
      [9, 0], // 0.6 in (8/15, 9/15]
      [14, 1], // 0.9 in (13/15, 14/15]
      [15, 1], // 0.95 in (14/15, 1]
    ]);
  });

  it('lists per-class accuracy and the confusions', () => {
    expect(report.perClass).toEqual([
      { truth: 0, n: 2, top1Correct: 1, accuracy: 0.5 },
      { truth: 1, n: 1, top1Correct: 1, accuracy: 1 },
      { truth: 2, n: 1, top1Correct: 0, accuracy: 0 },
    ]);
    expect(report.confusions).toEqual([
      { truth: 0, predicted: 1, count: 1 },
      { truth: 2, predicted: 1, count: 1 },
    ]);
  });

  it('lists the wrong top-1 predictions, surest first', () => {
    expect(report.mistakes).toEqual([
      { file: 'b', truth: 0, predicted: 1, probability: 0.6, truthRank: 2, truthProbability: null },
      { file: 'd', truth: 2, predicted: 1, probability: 0.5, truthRank: null, truthProbability: null },
    ]);
  });

  it('reports nothing known, not zero, when nothing was scored', () => {
    const empty = evaluateReport([{ file: 'x', truth: 0, status: 'error', message: 'bad' }], 5);
    expect(empty).toMatchObject({ n: 0, failed: 1, unmapped: 5, top1: null, top5: null, ece: null, top1Interval: { low: 0, high: 1 } });
  });
});

describe('outcomeOf', () => {
  const item = (classIndices: (number | null)[], probability: number): ClassifyItem => ({
    name: 'x',
    status: 'ok',
    predictions: classIndices.map((classIndex, i) => ({ classIndex, label: `c${i}`, probability: i === 0 ? probability : 0.01 })),
    batchMs: 1,
    batchSize: 1,
    decodeMs: 1,
    preprocessMs: 1,
    width: 1,
    height: 1,
    format: 'JPEG',
    downscaled: false,
    thumbnail: null,
  });

  it('takes the top-5 class indices and the top-1 probability; no class index is NO_CLASS', () => {
    expect(outcomeOf('f', 3, item([3, null, -1, 7, 8, 9], 0.7))).toEqual({
      file: 'f',
      truth: 3,
      status: 'ok',
      top: [3, NO_CLASS, NO_CLASS, 7, 8],
      top1Probability: 0.7,
      topProbabilities: [0.7, 0.01, 0.01, 0.01, 0.01],
    });
  });

  it('keeps an error as an error', () => {
    const error: ClassifyItem = { name: 'x', status: 'error', error: { name: 'LumenError', code: 'decode-failed', message: 'no' } };
    expect(outcomeOf('f', 1, error)).toEqual({ file: 'f', truth: 1, status: 'error', message: 'no' });
  });
});

describe('relativeCorruptedAccuracy', () => {
  const row = (severity: number, top1: number | null) => corruptionRow('noise', severity, { ...evaluateReport([], 0), top1 });

  it('is the mean corrupted top-1 over the clean top-1, leaving severity 0 out', () => {
    expect(relativeCorruptedAccuracy(0.5, [row(0, 0.5), row(1, 0.4), row(3, 0.2)])).toBeCloseTo(0.6, 12);
  });

  it('is null with no corrupted pass or no clean accuracy', () => {
    expect(relativeCorruptedAccuracy(0.5, [row(0, 0.5)])).toBeNull();
    expect(relativeCorruptedAccuracy(0, [row(1, 0.1)])).toBeNull();
    expect(relativeCorruptedAccuracy(null, [row(1, 0.1)])).toBeNull();
  });
});
