import type { StateCreator } from 'zustand';
import type { BenchRun, LongTaskStats } from '../lib/benchRun';
import type { FormInput } from '../lib/benchPlan';

/** The form lives in lib (the plan is derived from it there); the store only holds it. */
export type BenchForm = FormInput;

/** What changes many times a second during a run; flushed into the store a few times a second. */
export interface BenchLive {
  phase: string;
  /** Runs done so far, warm-ups included, and the planned total (null in duration mode). */
  done: number;
  total: number | null;
  /** The last timed samples of the batch size in progress, ms. */
  recent: number[];
  batch: number | null;
  warmup: boolean;
  longTasks: LongTaskStats;
}

export interface BenchmarkSlice {
  benchForm: BenchForm;
  benchStatus: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  benchError: string | null;
  /** The run on screen: the one in progress, the last one, or one opened from history. */
  benchRun: BenchRun | null;
  benchLive: BenchLive | null;
  /** Saved runs, newest first (IndexedDB). */
  benchHistory: BenchRun[];
  benchCompare: { a: string | null; b: string | null };
}

export const DEFAULT_BENCH_FORM: BenchForm = {
  models: [],
  backends: [],
  batchesText: '1, 2, 4, 8, 16, 32',
  warmup: 10,
  runs: 50,
  useDuration: false,
  durationS: 5,
  input: 'random',
  coldStart: true,
  methodBatch: 1,
  methodPeer: true,
};

export const createBenchmarkSlice: StateCreator<BenchmarkSlice, [], [], BenchmarkSlice> = () => ({
  benchForm: DEFAULT_BENCH_FORM,
  benchStatus: 'idle',
  benchError: null,
  benchRun: null,
  benchLive: null,
  benchHistory: [],
  benchCompare: { a: null, b: null },
});
