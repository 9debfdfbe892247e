/**
 * A finished Evaluate run as kept in this browser: the report exactly as Export JSON writes it
 * (evaluateJson's EvaluateDocument), with when it was saved and the folder it ran on. Generic over
 * the report so fields other features add to the document travel through saving untouched.
 */
import type { EvaluateDocument } from './evaluateJson';

export interface SavedEvaluateRun<Report extends EvaluateDocument = EvaluateDocument> {
  id: string;
  /** ISO time of the save: the list's order and its date column. */
  savedAt: string;
  /** The chosen folder's own name. */
  folder: string;
  report: Report;
}

/** The list's line for a run: counts read from its report. */
export interface SavedRunSummary {
  id: string;
  savedAt: string;
  folder: string;
  entries: number;
  /** Images scored by the entry that scored most (entries can differ: an image one model fails). */
  n: number;
}

export function savedRunSummary(run: SavedEvaluateRun): SavedRunSummary {
  const n = run.report.entries.reduce((most, entry) => Math.max(most, entry.n), 0);
  return { id: run.id, savedAt: run.savedAt, folder: run.folder, entries: run.report.entries.length, n };
}

/** Newest first; ids break ties so two runs saved in the same millisecond keep one order. */
export const newestFirst = (a: SavedEvaluateRun, b: SavedEvaluateRun): number => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id);
