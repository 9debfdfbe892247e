/**
 * The evaluation report as a document: what the Evaluate view exports and what
 * `npm run eval -- --data … --json` writes, one schema (README, "Headless tools").
 */
import type { ConfidentMistake } from './confidentMistakes';
import { type CorruptionRow, type EntryReport, relativeCorruptedAccuracy } from './evaluateReport';

/** What ran: model id, weights, runtime and the runtime's backend. */
export interface EntryIdentity {
  model: string;
  weights: string;
  runtime: string;
  backend: string;
}

/** "model:weights@runtime/backend", the evaluate-result's data-entry. */
export const entryKey = ({ model, weights, runtime, backend }: EntryIdentity): string => `${model}:${weights}@${runtime}/${backend}`;

export interface EntryLatency {
  /** Classify time (decode through read-back, in the worker) over the images of the clean pass. */
  perImageMs: number | null;
  totalMs: number;
  images: number;
}

/** An entry's report as written: the scorer's figures, with class names beside the indices. */
/** One of the most confident mistakes as written: the scorer's figures, with class names beside the indices. */
export interface MistakeDocument extends ConfidentMistake {
  truthName: string;
  predictedName: string;
}

export interface EntryDocument extends EntryIdentity, Omit<EntryReport, 'perClass' | 'confusions' | 'mistakes'> {
  entry: string;
  perClass: { classIndex: number; name: string; n: number; top1Correct: number; accuracy: number }[];
  confusions: { truth: number; truthName: string; predicted: number; predictedName: string; count: number }[];
  latency: EntryLatency;
  corruptions: CorruptionRow[];
  /** Mean top-1 under the corruptions (severity ≥ 1) over the clean top-1; null with none. */
  corruptedOverClean: number | null;
  /** The clean pass's most confident mistakes, surest first. Optional: a report written before this field has none. */
  mistakes?: MistakeDocument[];
}

export interface EvaluateDocument {
  entries: EntryDocument[];
  /** Images not scored: no label, or one that maps to no class (of the first entry; ImageNet models share one class space). */
  unmapped: number;
  unmappedFolders: Record<string, number>;
  /** Files in the folder that are not images (never sent). */
  nonImages: number;
  device: Record<string, unknown>;
}

const nameOf = (names: readonly string[], index: number): string => (index < 0 ? '(no class)' : (names[index] ?? `class ${index}`));

/** One entry's document from its clean report, its corruption rows and its latency; `names` in the report's class space. */
export function entryDocument(
  identity: EntryIdentity,
  report: EntryReport,
  corruptions: readonly CorruptionRow[],
  latency: EntryLatency,
  names: readonly string[],
): EntryDocument {
  return {
    ...identity,
    entry: entryKey(identity),
    n: report.n,
    failed: report.failed,
    unmapped: report.unmapped,
    top1: report.top1,
    top5: report.top5,
    top1Interval: report.top1Interval,
    top5Interval: report.top5Interval,
    ece: report.ece,
    reliability: report.reliability,
    perClass: report.perClass.map(({ truth, n, top1Correct, accuracy }) => ({ classIndex: truth, name: nameOf(names, truth), n, top1Correct, accuracy })),
    confusions: report.confusions.map(({ truth, predicted, count }) => ({
      truth,
      truthName: nameOf(names, truth),
      predicted,
      predictedName: nameOf(names, predicted),
      count,
    })),
    latency,
    corruptions: [...corruptions],
    corruptedOverClean: relativeCorruptedAccuracy(report.top1, corruptions),
    mistakes: report.mistakes.map((m) => ({ ...m, truthName: nameOf(names, m.truth), predictedName: nameOf(names, m.predicted) })),
  };
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Per-class rows of every entry, for a spreadsheet. */
export function perClassCsv(document: EvaluateDocument): string {
  const lines = ['entry,class_index,class_name,n,top1_correct,accuracy'];
  for (const entry of document.entries) {
    for (const row of entry.perClass) lines.push([entry.entry, row.classIndex, row.name, row.n, row.top1Correct, row.accuracy].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
