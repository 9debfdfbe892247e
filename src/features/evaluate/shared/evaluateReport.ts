/**
 * One entry's report (a model, its weights, runtime and backend on one labelled folder), scored
 * from what classify said of each image. The Evaluate view and `npm run eval -- --data` both score
 * with this, so they give the same figures for the same outcomes. Every figure comes from
 * ./metrics (Wilson intervals, ECE with Guo et al.'s 15 bins, confusions, per-class accuracy).
 */
import type { ClassifyItem } from '@/features/classify/shared/messages';
import { type ConfidentMistake, confidentMistakes } from './confidentMistakes';
import {
  type ClassAccuracy,
  type Confusion,
  expectedCalibrationError,
  type PredictionPair,
  perClassAccuracy,
  type ProportionInterval,
  type ReliabilityBin,
  topConfusions,
  wilsonInterval,
} from './metrics';

/** Guo et al. (2017)'s bin count for ECE. */
export const ECE_BINS = 15;
/** How many confusions a report lists. */
export const CONFUSIONS_SHOWN = 10;
/** Class index for a prediction that names no class of the truth's space (a label with no Keras index, or background). */
export const NO_CLASS = -1;

/** What classify said of one image whose true class is known. */
export type ImageOutcome =
  | {
      file: string;
      truth: number;
      status: 'ok';
      /** The model's top classes, best first (at least one, up to five); NO_CLASS where a prediction has no class index. */
      top: number[];
      /** The top-1 prediction's probability: the confidence ECE judges. */
      top1Probability: number;
      /** The probabilities of `top`, index for index: the true class's, when it is among them, for the mistakes gallery. */
      topProbabilities?: number[];
    }
  | { file: string; truth: number; status: 'error'; message: string };

export interface EntryReport {
  /** Images scored: mapped to a class and classified without error. */
  n: number;
  /** Mapped images that failed to classify (undecodable, say): not scored. */
  failed: number;
  /** Images whose label could not be mapped to a class: never sent, never scored. */
  unmapped: number;
  /** Fractions of n; null when nothing was scored. */
  top1: number | null;
  top5: number | null;
  top1Interval: ProportionInterval;
  top5Interval: ProportionInterval;
  ece: number | null;
  reliability: ReliabilityBin[];
  perClass: ClassAccuracy[];
  confusions: Confusion[];
  /** The wrong top-1 predictions the model was surest of (confidentMistakes), surest first. */
  mistakes: ConfidentMistake[];
}

/** The outcome of a classify item for an image of class `truth`. */
export function outcomeOf(file: string, truth: number, item: ClassifyItem): ImageOutcome {
  if (item.status === 'error') return { file, truth, status: 'error', message: item.error.message };
  const [best] = item.predictions;
  if (!best) return { file, truth, status: 'error', message: 'classify returned no prediction' };
  const kept = item.predictions.slice(0, 5);
  const top = kept.map((p) => (p.classIndex === null || p.classIndex < 0 ? NO_CLASS : p.classIndex));
  return { file, truth, status: 'ok', top, top1Probability: best.probability, topProbabilities: kept.map((p) => p.probability) };
}

/** Scores one entry's outcomes; `unmapped` is the folder's count of images with no class, reported beside. */
export function evaluateReport(outcomes: readonly ImageOutcome[], unmapped: number): EntryReport {
  const scored = outcomes.flatMap((o) => (o.status === 'ok' ? [o] : []));
  const n = scored.length;
  const pairs: PredictionPair[] = scored.map((o) => ({ truth: o.truth, predicted: o.top[0] ?? NO_CLASS }));
  const top1Correct = pairs.filter((p) => p.truth === p.predicted).length;
  const top5Correct = scored.filter((o) => o.top.slice(0, 5).includes(o.truth)).length;
  // A probability a hair above 1 (float32 softmax) is still the model saying "certain".
  const confidences = scored.map((o) => Math.min(1, Math.max(0, o.top1Probability)));
  const calibration = expectedCalibrationError(
    confidences,
    pairs.map((p) => p.truth === p.predicted),
    ECE_BINS,
  );
  return {
    n,
    failed: outcomes.length - n,
    unmapped,
    top1: n === 0 ? null : top1Correct / n,
    top5: n === 0 ? null : top5Correct / n,
    top1Interval: wilsonInterval(top1Correct, n),
    top5Interval: wilsonInterval(top5Correct, n),
    ece: calibration.ece,
    reliability: calibration.bins,
    perClass: perClassAccuracy(pairs),
    confusions: topConfusions(pairs, CONFUSIONS_SHOWN),
    mistakes: confidentMistakes(scored),
  };
}

/** One corruption pass's figures, as the report and `--json` list them. */
export interface CorruptionRow {
  kind: string;
  severity: number;
  top1: number | null;
  top5: number | null;
  n: number;
}

/** The row of a pass's report. */
export function corruptionRow(kind: string, severity: number, report: EntryReport): CorruptionRow {
  return { kind, severity, top1: report.top1, top5: report.top5, n: report.n };
}

/**
 * Mean top-1 over the corrupted passes (severity ≥ 1) divided by the clean top-1: 1 means the
 * corruptions cost nothing, 0.5 that half the accuracy is lost. Hendrycks & Dietterich (2019)
 * report robustness against clean accuracy this way ("relative" to clean); unlike their mCE it
 * needs no AlexNet baseline. Null when there is no corrupted pass or the clean top-1 is 0 or unknown.
 */
export function relativeCorruptedAccuracy(cleanTop1: number | null, rows: readonly CorruptionRow[]): number | null {
  const corrupted = rows.flatMap((row) => (row.severity > 0 && row.top1 !== null ? [row.top1] : []));
  if (corrupted.length === 0 || cleanTop1 === null || cleanTop1 === 0) return null;
  const mean = corrupted.reduce((sum, top1) => sum + top1, 0) / corrupted.length;
  return mean / cleanTop1;
}
