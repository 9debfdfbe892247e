/** One zustand store made of slices; actions live in actions.ts as plain module functions. */
import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createBenchmarkSlice, type BenchmarkSlice } from './benchmarkSlice';

export type AppState = EngineSlice & ModelSlice & ResultsSlice & BenchmarkSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createModelSlice(...a),
  ...createResultsSlice(...a),
  ...createBenchmarkSlice(...a),
}));

export type { ResultCard, RunState } from './resultsSlice';
export type { InstalledMeta } from './modelSlice';
export type { BenchForm, BenchLive } from './benchmarkSlice';
export { DEFAULT_K, MAX_K } from './modelSlice';
