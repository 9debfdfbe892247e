import { describe, expect, it } from 'vitest';
import { confidentMistakes, MISTAKES_SHOWN, type ScoredImage } from './confidentMistakes';

const scored = (file: string, truth: number, top: number[], probabilities: number[]): ScoredImage => ({
  file,
  truth,
  top,
  top1Probability: probabilities[0] ?? 0,
  topProbabilities: probabilities,
});

describe('confidentMistakes', () => {
  it('keeps only wrong top-1 predictions, surest first, with the true class rank and probability when read back', () => {
    const mistakes = confidentMistakes([
      scored('right.jpg', 1, [1, 2], [0.99, 0.01]),
      scored('unsure.jpg', 1, [2, 3, 1], [0.4, 0.3, 0.2]),
      scored('sure.jpg', 5, [7, 8], [0.9, 0.05]),
    ]);
    expect(mistakes).toEqual([
      { file: 'sure.jpg', truth: 5, predicted: 7, probability: 0.9, truthRank: null, truthProbability: null },
      { file: 'unsure.jpg', truth: 1, predicted: 2, probability: 0.4, truthRank: 3, truthProbability: 0.2 },
    ]);
  });

  it('breaks equal probabilities by file name, in code-unit order whatever the input order', () => {
    const names = ['b/z.jpg', 'a/y.jpg', 'B/x.jpg', 'a/x.jpg'];
    const files = (order: string[]) => confidentMistakes(order.map((f) => scored(f, 0, [1], [0.5]))).map((m) => m.file);
    expect(files(names)).toEqual(['B/x.jpg', 'a/x.jpg', 'a/y.jpg', 'b/z.jpg']);
    expect(files([...names].reverse())).toEqual(['B/x.jpg', 'a/x.jpg', 'a/y.jpg', 'b/z.jpg']);
  });

  it(`lists at most ${MISTAKES_SHOWN} by default, or the count asked for`, () => {
    const many = Array.from({ length: 30 }, (_, i) => scored(`f${String(i).padStart(2, '0')}`, 0, [1], [i / 30]));
    const shown = confidentMistakes(many);
    expect(shown).toHaveLength(MISTAKES_SHOWN);
    expect(shown[0]?.file).toBe('f29');
    expect(confidentMistakes(many, 3).map((m) => m.file)).toEqual(['f29', 'f28', 'f27']);
    expect(confidentMistakes(many, 0)).toEqual([]);
  });

  it('counts a prediction with no class as a mistake, and a true class known only by rank (no probabilities kept) as rank only', () => {
    const [mistake] = confidentMistakes([{ file: 'x', truth: 4, top: [-1, 4], top1Probability: 0.7 }]);
    expect(mistake).toEqual({ file: 'x', truth: 4, predicted: -1, probability: 0.7, truthRank: 2, truthProbability: null });
  });

  it('sorts a NaN confidence last instead of scrambling the order', () => {
    const files = confidentMistakes([scored('nan', 0, [1], [Number.NaN]), scored('low', 0, [1], [0.1]), scored('high', 0, [1], [0.8])]).map((m) => m.file);
    expect(files).toEqual(['high', 'low', 'nan']);
  });
});
