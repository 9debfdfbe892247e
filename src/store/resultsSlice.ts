import type { StateCreator } from 'zustand';
import type { ClassifyItem } from '../shared/protocol';

export interface ResultCard {
  key: string;
  name: string;
  /** Object URL of the original file: the thumbnail is drawn by <img>, no decode on our side. */
  thumbUrl: string;
  file: File;
  status: 'pending' | 'ok' | 'error';
  item: ClassifyItem | null;
}

export interface RunState {
  requestId: number;
  /** Model and backend the run used (see runKey in actions.ts). */
  modelKey: string;
  total: number;
  done: number;
  /** From the drop (or re-run) to the first result on screen, ms. */
  firstResultMs: number | null;
  totalMs: number | null;
}

export interface ResultsSlice {
  cards: ResultCard[];
  run: RunState | null;
}

export const createResultsSlice: StateCreator<ResultsSlice, [], [], ResultsSlice> = () => ({
  cards: [],
  run: null,
});
