import type { StateCreator } from 'zustand';
import type { ClassifyItem } from '@/features/classify/shared/messages';

export interface ResultCard {
  key: string;
  /** What the person knows the file by: its path below the dropped folder, or its bare name. */
  name: string;
  /** What the worker decodes: the dropped file, or for an SVG the PNG drawn from it (same name). */
  file: File;
  /**
   * Object URL of the small thumbnail the worker made from the decoded bitmap; null until it
   * arrives (a placeholder shows). Never the original: hundreds of full-size photos in the DOM
   * cost seconds of main-thread decoding. Revoked when the card is removed or cleared.
   */
  thumbUrl: string | null;
  status: 'pending' | 'ok' | 'error';
  item: ClassifyItem | null;
  /** The classify call that owns this card now; results from an older, superseded call are ignored. */
  claim: number;
}

/**
 * One run: what a drop (or a re-run) set going, for the summary's timing. Counts are not kept
 * here: the summary derives them from the run's cards, so a superseded request cannot leave them stale.
 */
export interface RunState {
  /** Model and backend the run used (see runKey in classifyActions.ts); '' while it waits for the model. */
  modelKey: string;
  cardKeys: ReadonlySet<string>;
  /** performance.now() at the drop (or re-run). */
  startedAt: number;
  /** From the drop (or re-run) to the first result on screen, ms. */
  firstResultMs: number | null;
  /** From the drop to the last of the run's cards settling, ms; null while any is pending. */
  totalMs: number | null;
}

/** Files inside dropped folders that got no card: counted in one line, named in its tooltip. */
export interface SkippedFiles {
  notImages: string[];
  unreadable: string[];
}

export interface ResultsSlice {
  cards: ResultCard[];
  run: RunState | null;
  skipped: SkippedFiles;
}

export const NO_SKIPPED: SkippedFiles = { notImages: [], unreadable: [] };

export const createResultsSlice: StateCreator<ResultsSlice, [], [], ResultsSlice> = () => ({
  cards: [],
  run: null,
  skipped: NO_SKIPPED,
});
