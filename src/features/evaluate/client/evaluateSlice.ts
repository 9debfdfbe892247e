/** Evaluate's state: the chosen folder, what its labels map to, the run's progress and each entry's result. */
import type { StateCreator } from 'zustand';
import type { BackendName, RuntimeName } from '@/engine/shared/types';
import type { LabelledImage } from '@/features/evaluate/shared/folderLayout';
import type { CsvLineError } from '@/features/evaluate/shared/labelCsv';
import type { ImagePlan } from '@/features/evaluate/shared/evaluatePlan';
import type { EntryDocument } from '@/features/evaluate/shared/evaluateJson';
import type { CorruptionKind } from '@/features/evaluate/shared/corruptions';

/** A folder as read: each image with its label as written, and its File. */
export interface EvaluateFolder {
  /** The dropped folder's own name (first path segment). */
  name: string;
  layout: 'csv' | 'subfolders';
  csvPath: string | null;
  images: LabelledImage[];
  /** path → File, for sending. */
  files: Map<string, File>;
  nonImages: string[];
  csvErrors: CsvLineError[];
}

/** The folder mapped against the first entry's classes, shown before a run starts. */
export interface EvaluatePreview {
  entry: string;
  plan: ImagePlan;
}

export interface EvaluateRun {
  status: 'running' | 'done' | 'cancelled' | 'error';
  /** Images classified so far over all entries and passes, and how many there are in all. */
  done: number;
  total: number;
  phase: string;
  entries: EntryDocument[];
  /** Entries that could not run, with why. */
  failures: { id: string; message: string }[];
  error: string | null;
  startedAt: number;
}

export interface EvaluateChoice {
  /** Model choices (id or id:weights), besides the page's selected model. */
  models: string[];
  /** The TF.js backends every entry runs on; null: the engine's own, until the person ticks any. */
  backends: BackendName[] | null;
  /** Each model runs as its family's member on each of these runtimes; []: on its own runtime. */
  runtimes: RuntimeName[];
  kinds: CorruptionKind[];
  severities: number[];
}

export interface EvaluateSlice {
  evaluateFolder: EvaluateFolder | null;
  /** Why the chosen folder cannot be evaluated (empty, unreadable CSV); null when it can. */
  evaluateFolderProblem: string | null;
  evaluatePreview: EvaluatePreview | null;
  evaluateChoice: EvaluateChoice;
  evaluateRun: EvaluateRun | null;
}

export const createEvaluateSlice: StateCreator<EvaluateSlice, [], [], EvaluateSlice> = () => ({
  evaluateFolder: null,
  evaluateFolderProblem: null,
  evaluatePreview: null,
  evaluateChoice: { models: [], backends: null, runtimes: [], kinds: [], severities: [1, 3, 5] },
  evaluateRun: null,
});
