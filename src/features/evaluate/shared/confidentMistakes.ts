/**
 * The gallery of an entry's most confident mistakes: the wrong top-1 predictions the model was
 * surest of, the ones most worth looking at (a mislabelled image, or a class the model confuses
 * with conviction). Pure selection over the outcomes evaluateReport scores.
 */

/** How many mistakes a report lists. */
export const MISTAKES_SHOWN = 12;

/** What the selection reads of one scored image: evaluateReport's outcome of an image classified without error. */
export interface ScoredImage {
  file: string;
  truth: number;
  /** Class indices, best first (evaluateReport's NO_CLASS where a prediction has none). */
  top: readonly number[];
  top1Probability: number;
  /** The probabilities of `top`, index for index, when they were kept. */
  topProbabilities?: readonly number[];
}

export interface ConfidentMistake {
  /** The image's path in the folder, as scored. */
  file: string;
  truth: number;
  /** The top-1 class (evaluateReport's NO_CLASS when it names no class of the truth's space). */
  predicted: number;
  /** The top-1 probability. */
  probability: number;
  /** The true class's rank (1 is top) among the classes read back; null when it is not among them. */
  truthRank: number | null;
  /** The true class's probability when it was read back; null when not. */
  truthProbability: number | null;
}

/** A NaN confidence (a broken model's output) sorts last rather than poisoning the order. */
const confidence = (p: number): number => (Number.isNaN(p) ? Number.NEGATIVE_INFINITY : p);

/** Code-unit order, not localeCompare: the same order on every machine and locale. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Up to `count` wrong top-1 predictions, surest first; equal probabilities in file-name order. */
export function confidentMistakes(scored: readonly ScoredImage[], count = MISTAKES_SHOWN): ConfidentMistake[] {
  const mistakes = scored.flatMap((o): ConfidentMistake[] => {
    const predicted = o.top[0];
    if (predicted === undefined || predicted === o.truth) return [];
    const at = o.top.indexOf(o.truth);
    return [
      {
        file: o.file,
        truth: o.truth,
        predicted,
        probability: o.top1Probability,
        truthRank: at < 0 ? null : at + 1,
        truthProbability: at < 0 ? null : (o.topProbabilities?.[at] ?? null),
      },
    ];
  });
  mistakes.sort((a, b) => confidence(b.probability) - confidence(a.probability) || byName(a.file, b.file));
  return mistakes.slice(0, Math.max(0, count));
}
