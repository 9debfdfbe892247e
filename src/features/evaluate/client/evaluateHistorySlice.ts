/** Evaluate's saved runs (IndexedDB), the two picked for a diff, the one opened, and the reports imported from files. */
import type { StateCreator } from 'zustand';
import type { ImportedDevice } from '@/features/evaluate/shared/reportImport';
import type { SavedEvaluateRun } from '@/features/evaluate/shared/savedRuns';

export interface EvaluateHistorySlice {
  /** Saved runs, newest first; whole reports, since the diff and Open read them. */
  evaluateSaved: SavedEvaluateRun[];
  /** Why the history could not be read, or the last run not saved or deleted; null when all went well. */
  evaluateSavedError: string | null;
  /** The saved run whose report is shown, or null. */
  evaluateOpenedId: string | null;
  evaluateDiffPick: { a: string | null; b: string | null };
  /** Devices read from imported report files, in import order. */
  evaluateImported: ImportedDevice[];
  /** The last import's refused files, each message naming its file. */
  evaluateImportErrors: string[];
}

export const createEvaluateHistorySlice: StateCreator<EvaluateHistorySlice, [], [], EvaluateHistorySlice> = () => ({
  evaluateSaved: [],
  evaluateSavedError: null,
  evaluateOpenedId: null,
  evaluateDiffPick: { a: null, b: null },
  evaluateImported: [],
  evaluateImportErrors: [],
});
