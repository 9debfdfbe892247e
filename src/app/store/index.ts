/** One zustand store made of slices; actions live in actions.ts as plain module functions. */
import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createResultsSlice, type ResultsSlice } from '@/features/classify/client/resultsSlice';
import { createCustomSlice, type CustomSlice } from '@/features/custom/client/customSlice';
import { createCompareSlice, type CompareSlice } from '@/features/compare/client/compareSlice';
import { createBenchmarkSlice, type BenchmarkSlice } from '@/features/benchmark/client/benchmarkSlice';
import { createNoticeSlice, type NoticeSlice } from './noticeSlice';
import { createExplainSlice, type ExplainSlice } from '@/features/explain/client/explainSlice';
import { createLiveSlice, type LiveSlice } from '@/features/live/client/liveSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createWeightsSlice, type WeightsSlice } from './weightsSlice';
import { createEvaluateSlice, type EvaluateSlice } from '@/features/evaluate/client/evaluateSlice';
import { createEvaluateHistorySlice, type EvaluateHistorySlice } from '@/features/evaluate/client/evaluateHistorySlice';

export type AppState = EngineSlice &
  ModelSlice &
  ResultsSlice &
  CustomSlice &
  CompareSlice &
  BenchmarkSlice &
  NoticeSlice &
  ExplainSlice &
  LiveSlice &
  ViewSlice &
  WeightsSlice &
  EvaluateSlice &
  EvaluateHistorySlice;

export const useStore = create<AppState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createModelSlice(...a),
  ...createResultsSlice(...a),
  ...createCustomSlice(...a),
  ...createCompareSlice(...a),
  ...createBenchmarkSlice(...a),
  ...createNoticeSlice(...a),
  ...createExplainSlice(...a),
  ...createLiveSlice(...a),
  ...createViewSlice(...a),
  ...createWeightsSlice(...a),
  ...createEvaluateSlice(...a),
  ...createEvaluateHistorySlice(...a),
}));

export const showView = (view: string): void => useStore.setState({ view });

export type { ResultCard, RunState } from '@/features/classify/client/resultsSlice';
export type { InstalledMeta } from './modelSlice';
export type { CustomDraft, CustomModel } from '@/features/custom/client/customSlice';
export type { CompareEntry, CompareRun } from '@/features/compare/client/compareSlice';
export type { BenchForm, BenchLive } from '@/features/benchmark/client/benchmarkSlice';
export { DEFAULT_K, MAX_K } from './modelSlice';
