/**
 * The Teach view's session: classes and their images, each image's embedding from the chosen base
 * (asked of the worker once; it caches them by content too), and the head taught on them. kNN is
 * taught again by itself whenever embeddings arrive, so its held-out figures follow the images;
 * the dense head trains when asked, streaming its epochs, and can be cancelled.
 */
import { create } from 'zustand';
import { getClient } from '../client';
import { useStore } from './index';
import { specFor } from './catalogActions';
import { saveTaught } from './teachModels';
import { selectModel } from './actions';
import { splitByName } from '../lib/teach/split';
import { teachProblem } from '../lib/teach/checks';
import { prepareFiles } from '../ui/classify/prepareFiles';
import type { DroppedFile } from '../lib/files/imageFiles';
import { isCancelled } from '../shared/errors';
import {
  DEFAULT_DENSE,
  DEFAULT_KNN_TEMPERATURE,
  type EmbeddingSet,
  type TaughtMeta,
  type TeachEpoch,
  type TeachMethod,
  type TeachResult,
} from '../shared/teach';

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

let nextId = 3;
let trainRequest: number | null = null;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const set = useTeachStore.setState;
const get = useTeachStore.getState;

export const baseIdOf = (state: TeachState): string | null => state.baseId ?? useStore.getState().catalog?.defaultModel ?? null;

const updateClasses = (update: (c: TeachClass) => TeachClass): void => set((s) => ({ classes: s.classes.map(update) }));

export function addClass(): void {
  const id = nextId++;
  set((s) => ({ classes: [...s.classes, { id, name: `Class ${s.classes.length + 1}`, images: [] }] }));
}

export function renameClass(id: number, name: string): void {
  updateClasses((c) => (c.id === id ? { ...c, name } : c));
}

export function removeClass(id: number): void {
  set((s) => ({ classes: s.classes.filter((c) => c.id !== id) }));
  afterChange();
}

export function removeImage(classId: number, imageId: number): void {
  updateClasses((c) => (c.id === classId ? { ...c, images: c.images.filter((i) => i.id !== imageId) } : c));
  afterChange();
}

export async function addImages(classId: number, dropped: readonly DroppedFile[]): Promise<void> {
  const prepared = await prepareFiles(dropped);
  const images: TeachImage[] = prepared.map((p) => ({
    id: nextId++,
    name: p.path,
    file: p.file,
    vector: null,
    base: null,
    error: p.error?.message ?? null,
  }));
  updateClasses((c) => (c.id === classId ? { ...c, images: [...c.images, ...images] } : c));
  await embedPending();
}

export function setBase(id: string): void {
  set({ baseId: id, result: null, epochs: [], embeddingAt: null });
  void embedPending();
}

export function setMethod(method: TeachMethod): void {
  set({ method, result: null, epochs: [] });
  afterChange();
}

export function setSplit(split: number): void {
  set({ split });
  afterChange();
}

export function setEpochs(epochs: number): void {
  set({ epochsWanted: Math.max(1, Math.min(5000, Math.floor(epochs) || 1)) });
}

/** kNN follows the images by itself; a dense head is trained when asked. */
function afterChange(): void {
  set({ problem: currentProblem() });
  if (get().method === 'knn' && get().embedding === 0 && !currentProblem()) void train();
}

let embedding: Promise<void> = Promise.resolve();

/** Embeds every image that has no embedding from the current base yet, one request at a time. */
export function embedPending(): Promise<void> {
  embedding = embedding.then(embedOnce).catch((error: unknown) => set({ error: message(error) }));
  return embedding;
}

async function embedOnce(): Promise<void> {
  const base = specFor(baseIdOf(get()));
  if (!base) return;
  const waiting = get()
    .classes.flatMap((c) => c.images)
    .filter((i) => i.base !== base.key && i.error === null);
  if (waiting.length === 0) return afterChange();
  set((s) => ({ embedding: s.embedding + waiting.length, error: null }));
  const byIndex = new Map(waiting.map((image, index) => [index, image.id]));
  const apply = (imageId: number, patch: Partial<TeachImage>) =>
    updateClasses((c) => ({ ...c, images: c.images.map((i) => (i.id === imageId ? { ...i, ...patch } : i)) }));
  try {
    const { at } = await getClient().request(
      { type: 'teach-embed', base, images: waiting.map((i) => ({ name: i.name, kind: 'blob' as const, blob: i.file })) },
      {
        onEvent: (event) => {
          if (event.type !== 'teach-embedding') return;
          const imageId = byIndex.get(event.index);
          if (imageId === undefined) return;
          const item = event.embedding;
          apply(imageId, item.status === 'ok' ? { vector: item.vector, base: base.key, error: null } : { error: item.message });
          set((s) => ({ embedding: Math.max(0, s.embedding - 1) }));
        },
      },
    ).result;
    set({ embeddingAt: at });
  } finally {
    set({ embedding: 0 });
  }
  afterChange();
}

/** Classes and their embedded images, split by name into train and held-out sets. */
function currentSets() {
  const baseKey = specFor(baseIdOf(get()))?.key;
  const { classes, split } = get();
  const ready = classes.map((c) => c.images.filter((i) => i.vector && i.base === baseKey));
  const parts = splitByName(ready, (i) => i.name, split);
  const toSet = (items: typeof parts.train): EmbeddingSet => ({
    vectors: items.map((s) => s.item.vector as Float32Array),
    labels: items.map((s) => s.classIndex),
  });
  return { names: classes.map((c) => c.name.trim()), train: toSet(parts.train), test: toSet(parts.test) };
}

function currentProblem(): string | null {
  const { names, train } = currentSets();
  return teachProblem(names.map((name, i) => ({ name, count: train.labels.filter((l) => l === i).length })));
}

export async function train(): Promise<void> {
  const problem = currentProblem();
  set({ problem });
  const base = specFor(baseIdOf(get()));
  if (problem || !base) return;
  if (trainRequest !== null) getClient().cancel(trainRequest);
  const { names, train: trainSet, test } = currentSets();
  const { method, epochsWanted } = get();
  set({ status: 'training', epochs: [], error: null, savedAs: null });
  const handle = getClient().request(
    {
      type: 'teach-train',
      base,
      method,
      classes: names,
      train: trainSet,
      test,
      dense: { ...DEFAULT_DENSE, epochs: epochsWanted },
      temperature: DEFAULT_KNN_TEMPERATURE,
    },
    { onEvent: (event) => event.type === 'teach-epoch' && set((s) => ({ epochs: [...s.epochs, event.epoch] })) },
  );
  trainRequest = handle.id;
  try {
    const { result } = await handle.result;
    set({ result: { ...result, method, baseId: base.id, classes: names, trainCount: trainSet.labels.length, testCount: test.labels.length } });
  } catch (error) {
    if (!isCancelled(error)) set({ error: message(error) });
  } finally {
    if (trainRequest === handle.id) {
      trainRequest = null;
      set({ status: 'idle' });
    }
  }
}

export function cancelTraining(): void {
  if (trainRequest !== null) getClient().cancel(trainRequest);
}

/** Keeps the taught head as a model (IndexedDB, the picker) and selects it. */
export async function saveModel(name: string): Promise<void> {
  const { result, embeddingAt } = get();
  const base = result ? specFor(result.baseId) : null;
  const catalogEntry = useStore.getState().catalog?.models.find((m) => m.id === result?.baseId);
  if (!result || !base || !catalogEntry) return;
  const meta: TaughtMeta = {
    format: 'lumen-taught',
    version: 1,
    name: name.trim() || `Taught: ${result.classes.join(', ')}`,
    method: result.method,
    labels: result.classes,
    base: { id: base.id, version: catalogEntry.version, key: base.key, name: base.name, preprocessing: base.preprocessing, inputSize: base.inputSize },
    embedding: { at: embeddingAt ?? '', dim: result.dim, pooling: 'global-average', normalise: 'l2' },
    temperature: result.method === 'knn' ? DEFAULT_KNN_TEMPERATURE : null,
    createdAt: new Date().toISOString(),
  };
  try {
    const id = await saveTaught(meta, result.head);
    set({ savedAs: meta.name });
    await selectModel(id);
  } catch (error) {
    set({ error: `The model could not be kept: ${message(error)}` });
  }
}
