/**
 * The taught models this page knows (read from IndexedDB by teachModels.ts), and how one becomes a
 * ModelSpec the worker loads as base + head, so Classify, Compare and Benchmark use their usual
 * paths. A leaf of the store: the model registry reads it without importing the actions.
 */
import { create } from 'zustand';
import { catalogSpecFor } from '@/app/store/catalogActions';
import type { TaughtRecord } from '@/browser/storage/taughtDb';
import type { ModelSpec } from '@/engine/shared/types';

export interface TaughtState {
  models: TaughtRecord[];
  loaded: boolean;
  error: string | null;
}

export const useTaughtStore = create<TaughtState>()(() => ({ models: [], loaded: false, error: null }));

export const isTaughtId = (id: string | null): boolean => useTaughtStore.getState().models.some((m) => m.id === id);

/** The worker-ready spec of a taught model, or null when it is not one (or its base is unknown here). */
export function taughtSpecFor(id: string | null): ModelSpec | null {
  const record = useTaughtStore.getState().models.find((m) => m.id === id);
  if (!record) return null;
  // Bases are catalog models: an import is refused unless its base is in this catalog.
  const base = catalogSpecFor(record.meta.base.id);
  if (!base) return null;
  return {
    ...base,
    key: `${record.id}@${record.meta.createdAt}`,
    id: record.id,
    name: record.meta.name,
    format: 'layers',
    modelUrl: `taught:${record.id}`,
    labelsUrl: null,
    output: 'softmax',
    // Taught labels have no Keras index: an empty map makes every prediction's classIndex null.
    kerasIndex: [],
    labelOrder: 'keras',
    taught: { base, head: record.head, labels: record.meta.labels, method: record.meta.method },
  };
}
