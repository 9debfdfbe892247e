/** One zustand store made of slices; actions live in actions.ts as plain module functions. */
import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';

export type AppState = EngineSlice & ModelSlice & ResultsSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createModelSlice(...a),
  ...createResultsSlice(...a),
}));

export type { ResultCard, RunState } from './resultsSlice';
export type { InstalledMeta } from './modelSlice';
export { DEFAULT_K, MAX_K } from './modelSlice';
