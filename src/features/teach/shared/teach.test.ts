import { describe, expect, it } from 'vitest';
import { isTestPosition, splitByName } from './split';
import { accuracyOf, argmax, confusionMatrix, knnScores, l2Normalise } from './knn';
import { teachProblem } from './checks';
import { exportTaught, headFromFiles, parseTaughtMeta } from './exportFiles';

describe('split', () => {
  it('alternates train and test in name order at 0.5, whatever the input order', () => {
    const split = splitByName(
      [
        ['d', 'a', 'c', 'b', 'e'],
        ['z', 'y'],
      ],
      (s) => s,
      0.5,
    );
    expect(split.train.map((s) => s.item)).toEqual(['a', 'c', 'e', 'y']);
    expect(split.test.map((s) => s.item)).toEqual(['b', 'd', 'z']);
    expect(split.test.map((s) => s.classIndex)).toEqual([0, 0, 1]);
  });
  it('puts the asked share in test, spread along the list', () => {
    const positions = Array.from({ length: 10 }, (_, i) => isTestPosition(i, 0.3));
    expect(positions.filter(Boolean)).toHaveLength(3);
    expect(Array.from({ length: 8 }, (_, i) => isTestPosition(i, 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 8 }, (_, i) => isTestPosition(i, 1)).every(Boolean)).toBe(true);
  });
});

describe('kNN maths', () => {
  it('normalises to unit length and leaves zero alone', () => {
    const v = l2Normalise([3, 4]);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(l2Normalise([0, 0]))).toEqual([0, 0]);
  });
  it('votes for the nearest examples, as probabilities', () => {
    const examples = [l2Normalise([1, 0]), l2Normalise([0.9, 0.1]), l2Normalise([0, 1])];
    const scores = knnScores(l2Normalise([1, 0.05]), examples, [0, 0, 1], 2, 20);
    expect(scores[0]).toBeGreaterThan(0.99);
    expect((scores[0] ?? 0) + (scores[1] ?? 0)).toBeCloseTo(1, 9);
    expect(argmax(knnScores(l2Normalise([0.1, 1]), examples, [0, 0, 1], 2, 20))).toBe(1);
    // A low temperature flattens the vote towards the class sizes.
    expect(knnScores(l2Normalise([0.1, 1]), examples, [0, 0, 1], 2, 0)[0]).toBeCloseTo(2 / 3, 9);
  });
  it('counts a confusion matrix and its accuracy', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(accuracyOf(m)).toBeCloseTo(3 / 5, 9);
    expect(accuracyOf(confusionMatrix([], [], 2))).toBeNull();
  });
});

describe('teachProblem', () => {
  it('names what is missing', () => {
    expect(teachProblem([])).toMatch(/no images/);
    expect(teachProblem([{ name: 'cats', count: 9 }])).toMatch(/Only one class \("cats"\)/);
    expect(
      teachProblem([
        { name: 'cats', count: 9 },
        { name: 'dogs', count: 1 },
      ]),
    ).toMatch(/"dogs" has 1/);
    expect(
      teachProblem([
        { name: 'cats', count: 9 },
        { name: 'cats', count: 9 },
      ]),
    ).toMatch(/Two classes are called "cats"/);
    expect(
      teachProblem([
        { name: 'cats', count: 9 },
        { name: ' ', count: 9 },
      ]),
    ).toMatch(/Class 2 has no name/);
    expect(
      teachProblem([
        { name: 'cats', count: 2 },
        { name: 'dogs', count: 2 },
      ]),
    ).toBeNull();
  });
});

describe('export files', () => {
  it('refuses what is not a taught record, and weights of the wrong size', () => {
    expect(parseTaughtMeta('{')).toMatch(/not JSON/);
    expect(parseTaughtMeta('{"format":"x"}')).toMatch(/not a Lumen/);
    const head = { modelTopology: { a: 1 }, weightSpecs: [{ name: 'w', shape: [2, 2], dtype: 'float32' as const }], weightData: new ArrayBuffer(16) };
    const meta = {
      format: 'lumen-taught' as const,
      version: 1 as const,
      name: 'mine',
      method: 'knn' as const,
      labels: ['a', 'b'],
      base: { id: 'm', version: '1', key: 'm@1', name: 'M', preprocessing: 'tf', inputSize: [224, 224] as [number, number] },
      embedding: { at: 'x', dim: 2, pooling: 'global-average' as const, normalise: 'l2' as const },
      temperature: 20,
      createdAt: '2026-01-01T00:00:00Z',
    };
    const files = exportTaught(head, meta);
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'labels.json', 'lumen-taught.json']);
    expect(parseTaughtMeta(String(files[3]?.data))).toEqual(meta);
    expect(headFromFiles(String(files[0]?.data), [new ArrayBuffer(16)])).toMatchObject({ weightSpecs: head.weightSpecs });
    expect(headFromFiles(String(files[0]?.data), [new ArrayBuffer(12)])).toMatch(/12 bytes but model.json describes 16/);
  });
});
