import type { StateCreator } from 'zustand';
import type { CompareRow } from '@/features/compare/shared/messages';

export interface CompareEntry {
  id: string;
  name: string;
  /** Files on disk (catalog sizes or lumen-model.json), bytes; null when unknown. */
  diskBytes: number | null;
}

export interface CompareRun {
  status: 'running' | 'done' | 'cancelled' | 'error';
  requestId: number;
  entries: CompareEntry[];
  /** One per entry, null until the worker reports it. */
  rows: (CompareRow | null)[];
  runs: number;
  imageName: string | null;
  progress: string;
  error: string | null;
}

export interface CompareSlice {
  compareRun: CompareRun | null;
}

export const createCompareSlice: StateCreator<CompareSlice, [], [], CompareSlice> = () => ({
  compareRun: null,
});
