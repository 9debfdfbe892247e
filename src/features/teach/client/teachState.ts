/**
 * The Teach view's state: classes and their images with each image's embedding, the chosen base,
 * method and split, and the taught head. Its actions live in teach.ts (classes, images, embedding)
 * and teachTraining.ts (teaching, saving).
 */
import { create } from 'zustand';
import { useStore } from '@/app/store/index';
import { DEFAULT_DENSE, type TeachEpoch, type TeachMethod, type TeachResult } from '@/features/teach/shared/teach';

export interface TeachImage {
  id: number;
  name: string;
  file: File;
  /** Embedding from `base` (a ModelSpec key); null while waiting. */
  vector: Float32Array | null;
  base: string | null;
  error: string | null;
}

export interface TeachClass {
  id: number;
  name: string;
  images: TeachImage[];
}

export interface TeachOutcome extends TeachResult {
  method: TeachMethod;
  baseId: string;
  classes: string[];
  trainCount: number;
  testCount: number;
}

export interface TeachState {
  classes: TeachClass[];
  /** Catalog id of the base model; null: the catalog's default. */
  baseId: string | null;
  method: TeachMethod;
  /** Share of each class (sorted by name) held apart for validation. */
  split: number;
  epochsWanted: number;
  /** Images sent for embedding and not back yet. */
  embedding: number;
  /** Where the base's embedding is taken (node or layer), once known. */
  embeddingAt: string | null;
  status: 'idle' | 'training';
  epochs: TeachEpoch[];
  result: TeachOutcome | null;
  /** Why a head cannot be taught now (too few images, one class…). */
  problem: string | null;
  error: string | null;
  savedAs: string | null;
}

export const useTeachStore = create<TeachState>()(() => ({
  classes: [
    { id: 1, name: 'Class 1', images: [] },
    { id: 2, name: 'Class 2', images: [] },
  ],
  baseId: null,
  method: 'knn',
  split: 0.25,
  epochsWanted: DEFAULT_DENSE.epochs,
  embedding: 0,
  embeddingAt: null,
  status: 'idle',
  epochs: [],
  result: null,
  problem: null,
  error: null,
  savedAs: null,
}));

export const setTeach = useTeachStore.setState;
export const getTeach = useTeachStore.getState;
export const teachMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const baseIdOf = (state: TeachState): string | null => state.baseId ?? useStore.getState().catalog?.defaultModel ?? null;
