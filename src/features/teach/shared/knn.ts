/**
 * The maths of the kNN head, in plain arrays so the page can re-score as images are added. The
 * vote is soft: example i gets weight softmax(T · cos(query, example))_i over all stored examples,
 * and a class's score is the sum of its examples' weights. With T around 20 the nearest few
 * examples carry the vote, as in k-nearest neighbours, and, unlike a hard top-k, it is exactly two
 * standard Dense layers, so the exported head computes these very numbers (features/teach/worker/heads.ts).
 */

/** A copy scaled to unit length (a zero vector stays zero). */
export function l2Normalise(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] ?? 0) / norm;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** Class probabilities for one L2-normalised query against L2-normalised examples. */
export function knnScores(
  query: ArrayLike<number>,
  examples: readonly ArrayLike<number>[],
  labels: readonly number[],
  classes: number,
  temperature: number,
): Float64Array {
  const scores = new Float64Array(classes);
  if (examples.length === 0) return scores;
  const logits = examples.map((e) => temperature * dot(query, e));
  const max = Math.max(...logits);
  const weights = logits.map((l) => Math.exp(l - max));
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => {
    const label = labels[i] ?? -1;
    if (label >= 0 && label < classes) scores[label] = (scores[label] ?? 0) + w / total;
  });
  return scores;
}

/** Index of the largest value; ties keep the lower index. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

/** confusion[true][predicted] counts. */
export function confusionMatrix(truth: readonly number[], predicted: readonly number[], classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  truth.forEach((t, i) => {
    const p = predicted[i];
    const row = matrix[t];
    if (row && p !== undefined && p >= 0 && p < classes) row[p] = (row[p] ?? 0) + 1;
  });
  return matrix;
}

/** Share of the diagonal; null for an empty matrix. */
export function accuracyOf(confusion: readonly (readonly number[])[]): number | null {
  let total = 0;
  let right = 0;
  confusion.forEach((row, t) =>
    row.forEach((count, p) => {
      total += count;
      if (t === p) right += count;
    }),
  );
  return total === 0 ? null : right / total;
}
