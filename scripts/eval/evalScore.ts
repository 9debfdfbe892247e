/**
 * Pure scoring for the eval harness: top-1 / top-5 accuracy, per-photo verdicts and agreement
 * between two backends. Probabilities are always in Keras class order (index = Keras class 0..999),
 * whatever the model's own output layout: the page converts them with the app's own topK mapping.
 */

/** What one image produced. `top5` is the model's ranking (app order); `probabilities` has 1000 entries. */
export type ImageOutcome =
  | { file: string; ok: true; top5: number[]; top1Label: string; probabilities: Float32Array }
  | { file: string; ok: false; error: string };

export interface Accuracy {
  n: number;
  /** Fractions over n; an image that failed counts as wrong. */
  top1: number;
  top5: number;
  failed: number;
}

/** Indices of the k largest values, largest first; ties keep the lower index first (like topK). */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || a - b);
  return order.slice(0, Math.max(0, k));
}

export function scoreAccuracy(outcomes: readonly ImageOutcome[], labels: readonly number[]): Accuracy {
  if (outcomes.length !== labels.length) throw new Error(`${outcomes.length} outcomes for ${labels.length} labels`);
  let top1 = 0;
  let top5 = 0;
  let failed = 0;
  outcomes.forEach((o, i) => {
    if (!o.ok) {
      failed++;
      return;
    }
    const label = labels[i];
    if (o.top5[0] === label) top1++;
    if (label !== undefined && o.top5.slice(0, 5).includes(label)) top5++;
  });
  const n = outcomes.length;
  return { n, top1: n ? top1 / n : 0, top5: n ? top5 / n : 0, failed };
}

/** A photo's top-1 against its acceptable classes: any (none listed), yes, no, or error. */
export type PhotoVerdict = 'yes' | 'no' | 'any' | 'error';

export function photoVerdict(outcome: ImageOutcome, acceptable: readonly number[]): PhotoVerdict {
  if (!outcome.ok) return 'error';
  if (acceptable.length === 0) return 'any';
  const top1 = outcome.top5[0];
  return top1 !== undefined && acceptable.includes(top1) ? 'yes' : 'no';
}

export interface Agreement {
  /** Images that succeeded on both backends (the denominator). */
  compared: number;
  /** Images that failed on either backend. */
  failed: number;
  sameTop1: number;
  /** sameTop1 / compared. */
  sameTop1Fraction: number;
  /** max over images and classes of |pA − pB|. */
  maxAbsDelta: number;
  /** Where maxAbsDelta occurred. */
  worst: { file: string; classIndex: number } | null;
  /** Files whose top-1 differs. */
  disagreements: { file: string; a: number; b: number }[];
}

/** Compares two runs over the same images (same order). */
export function agreement(a: readonly ImageOutcome[], b: readonly ImageOutcome[]): Agreement {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} outcomes with ${b.length}`);
  const result: Agreement = { compared: 0, failed: 0, sameTop1: 0, sameTop1Fraction: 0, maxAbsDelta: 0, worst: null, disagreements: [] };
  a.forEach((x, i) => {
    const y = b[i];
    if (!y || !x.ok || !y.ok) {
      result.failed++;
      return;
    }
    if (x.file !== y.file) throw new Error(`outcome ${i} is ${x.file} on one side and ${y.file} on the other`);
    result.compared++;
    const [topA, topB] = [x.top5[0] ?? -1, y.top5[0] ?? -1];
    if (topA === topB) result.sameTop1++;
    else result.disagreements.push({ file: x.file, a: topA, b: topB });
    const length = Math.max(x.probabilities.length, y.probabilities.length);
    for (let c = 0; c < length; c++) {
      const delta = Math.abs((x.probabilities[c] ?? 0) - (y.probabilities[c] ?? 0));
      if (result.worst === null || delta > result.maxAbsDelta) {
        result.maxAbsDelta = delta;
        result.worst = { file: x.file, classIndex: c };
      }
    }
  });
  result.sameTop1Fraction = result.compared ? result.sameTop1 / result.compared : 0;
  return result;
}

export const percent = (fraction: number, digits = 1): string => `${(fraction * 100).toFixed(digits)} %`;
