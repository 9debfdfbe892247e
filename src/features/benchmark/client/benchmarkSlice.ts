import type { StateCreator } from 'zustand';
import type { BenchRun, LongTaskStats } from '@/features/benchmark/shared/benchRun';
import type { FormState } from '@/features/benchmark/shared/benchPlan';

/** The form lives in lib (its defaults and the plan are derived there); the store only holds it. */
export type BenchForm = FormState;

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
  /** The kind of run last asked for that the form could not start; its problem is re-derived on every render until it is fixed. */
  benchAttempt: 'sweep' | 'methods' | null;
  /** The run on screen: the one in progress, the last one, or one opened from history. */
  benchRun: BenchRun | null;
  benchLive: BenchLive | null;
  /** Saved runs, newest first (IndexedDB). */
  benchHistory: BenchRun[];
  benchCompare: { a: string | null; b: string | null };
}

/** Models, backends and input follow the page (null) until the person picks. */
export const DEFAULT_BENCH_FORM: BenchForm = {
  models: null,
  backends: null,
  runtimes: [],
  batchesText: '1, 2, 4, 8, 16, 32',
  warmup: 10,
  runs: 50,
  useDuration: false,
  durationS: 5,
  input: null,
  coldStart: true,
  methodBatch: 1,
  methodPeer: true,
};

export const createBenchmarkSlice: StateCreator<BenchmarkSlice, [], [], BenchmarkSlice> = () => ({
  benchForm: DEFAULT_BENCH_FORM,
  benchStatus: 'idle',
  benchError: null,
  benchAttempt: null,
  benchRun: null,
  benchLive: null,
  benchHistory: [],
  benchCompare: { a: null, b: null },
});
