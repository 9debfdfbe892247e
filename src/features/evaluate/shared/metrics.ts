/**
 * The figures Evaluate reports for a classifier on a person's labelled folder: an accuracy's
 * confidence interval, calibration (ECE and its reliability bins), the accuracy/latency Pareto
 * front across models, the most frequent confusions and per-class accuracy. Pure functions on plain
 * arrays, so the worker that scores and the page that draws compute them identically.
 */

/** A proportion's interval, both ends fractions within [0, 1]. */
export interface ProportionInterval {
  low: number;
  high: number;
}

/** The 0.975 quantile of the standard normal (scipy.stats.norm.ppf(0.975)): a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion: E. B. Wilson (1927), "Probable inference, the
 * law of succession, and statistical inference", JASA 22; the same as statsmodels
 * proportion_confint(method='wilson'). Chosen over the normal (Wald) interval because a small folder
 * or an accuracy near 0 or 1 gives Wald a zero width or ends outside [0, 1]; Wilson stays inside and
 * keeps close to its nominal coverage (Brown, Cai & DasGupta 2001, Statistical Science 16).
 * No trials means nothing is known: the whole of [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`trials must be a whole number ≥ 0 (got ${n})`);
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`successes must be within 0..${n} (got ${successes})`);
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1; floating point would leave it a few ulps off.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** One equal-width confidence bin, (lower, upper]; accuracy and confidence are null when it is empty. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Fraction of the bin's predictions that were right. */
  accuracy: number | null;
  /** Mean confidence of the bin's predictions. */
  confidence: number | null;
}

export interface CalibrationResult {
  /** Expected calibration error, a fraction; null when there are no predictions to judge. */
  ece: number | null;
  bins: ReliabilityBin[];
}

/**
 * The bin of a confidence under the convention of Naeini, Cooper & Hauskrecht (2015, AAAI) and
 * Guo et al. (2017, ICML): bin m (1-based) holds ((m − 1)/M, m/M], and 0 joins the first bin.
 * Edges are m/M by division, not ceil(c·M): 0.7·10 is 7.000000000000001 in floating point, which
 * would push a confidence of exactly 0.7 past the bin it closes.
 */
export function calibrationBinIndex(confidence: number, bins: number): number {
  let index = Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
  while (index > 0 && confidence <= index / bins) index--;
  while (index < bins - 1 && confidence > (index + 1) / bins) index++;
  return index;
}

/**
 * Expected calibration error (Naeini et al. 2015; Guo et al. 2017, "On Calibration of Modern
 * Neural Networks"): ECE = Σ_m |B_m|/n · |acc(B_m) − conf(B_m)| over `bins` equal-width bins of
 * [0, 1]; 15 bins is Guo et al.'s choice. Summed as Σ |correct_m − Σconf_m| / n, the same quantity
 * with fewer roundings.
 */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 15): CalibrationResult {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number ≥ 1 (got ${bins})`);
  if (confidences.length !== correct.length) throw new RangeError(`${confidences.length} confidences but ${correct.length} outcomes`);
  const counts = new Array<number>(bins).fill(0);
  const confidenceSums = new Array<number>(bins).fill(0);
  const correctCounts = new Array<number>(bins).fill(0);
  confidences.forEach((confidence, i) => {
    if (!(confidence >= 0 && confidence <= 1)) throw new RangeError(`confidence ${i} is ${confidence}, not within [0, 1]`);
    const bin = calibrationBinIndex(confidence, bins);
    counts[bin] = (counts[bin] ?? 0) + 1;
    confidenceSums[bin] = (confidenceSums[bin] ?? 0) + confidence;
    if (correct[i]) correctCounts[bin] = (correctCounts[bin] ?? 0) + 1;
  });
  const n = confidences.length;
  let gapSum = 0;
  const reliability = counts.map((count, m): ReliabilityBin => {
    const confidenceSum = confidenceSums[m] ?? 0;
    const right = correctCounts[m] ?? 0;
    gapSum += Math.abs(right - confidenceSum);
    const empty = count === 0;
    return { lower: m / bins, upper: (m + 1) / bins, count, accuracy: empty ? null : right / count, confidence: empty ? null : confidenceSum / count };
  });
  return { ece: n === 0 ? null : gapSum / n, bins: reliability };
}

/** A model (or model and setting) placed by how often it is right and how long it takes. */
export interface ParetoPoint {
  id: string;
  accuracy: number;
  latencyMs: number;
}

/** True when `a` is at least as accurate and at least as fast as `b`, and strictly better in one. */
export function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return a.accuracy >= b.accuracy && a.latencyMs <= b.latencyMs && (a.accuracy > b.accuracy || a.latencyMs < b.latencyMs);
}

/**
 * The non-dominated set (Pareto optimality; K. Deb 2001, "Multi-Objective Optimization using
 * Evolutionary Algorithms"): the points no other point beats on both accuracy and latency.
 * Identical points do not dominate each other, so both stay. A point with a non-finite figure
 * cannot be compared and is left out. Sorted by latency, fastest first (then more accurate, then id),
 * which is the order a front is drawn in. O(n²): a comparison holds tens of points.
 */
export function paretoFront<T extends ParetoPoint>(points: readonly T[]): T[] {
  const comparable = points.filter((p) => Number.isFinite(p.accuracy) && Number.isFinite(p.latencyMs));
  return comparable
    .filter((candidate) => !comparable.some((other) => dominates(other, candidate)))
    .sort((a, b) => a.latencyMs - b.latencyMs || b.accuracy - a.accuracy || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One image's true class and the model's top-1 class, both class indices. */
export interface PredictionPair {
  truth: number;
  predicted: number;
}

export interface Confusion {
  truth: number;
  predicted: number;
  count: number;
}

/** The `limit` most frequent mistakes (truth ≠ predicted), most frequent first, then by truth, then by prediction. */
export function topConfusions(pairs: readonly PredictionPair[], limit = 10): Confusion[] {
  const counts = new Map<number, Map<number, number>>();
  for (const { truth, predicted } of pairs) {
    if (truth === predicted) continue;
    const row = counts.get(truth) ?? new Map<number, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    counts.set(truth, row);
  }
  const confusions: Confusion[] = [];
  for (const [truth, row] of counts) for (const [predicted, count] of row) confusions.push({ truth, predicted, count });
  confusions.sort((a, b) => b.count - a.count || a.truth - b.truth || a.predicted - b.predicted);
  return confusions.slice(0, Math.max(0, Math.floor(limit)));
}

export interface ClassAccuracy {
  truth: number;
  /** Images whose true class this is. */
  n: number;
  top1Correct: number;
  /** top1Correct / n; a class appears only when it has images, so n > 0. */
  accuracy: number;
}

/** Top-1 accuracy of each true class that has images, in class order. */
export function perClassAccuracy(pairs: readonly PredictionPair[]): ClassAccuracy[] {
  const tallies = new Map<number, { n: number; top1Correct: number }>();
  for (const { truth, predicted } of pairs) {
    const tally = tallies.get(truth) ?? { n: 0, top1Correct: 0 };
    tally.n++;
    if (predicted === truth) tally.top1Correct++;
    tallies.set(truth, tally);
  }
  return [...tallies].map(([truth, { n, top1Correct }]) => ({ truth, n, top1Correct, accuracy: top1Correct / n })).sort((a, b) => a.truth - b.truth);
}
