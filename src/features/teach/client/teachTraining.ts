/**
 * Teaching and keeping a head: the embedded images split by name into train and held-out sets, the
 * request that teaches (kNN at once, or the dense head's epochs streamed, cancellable), and saving
 * the result as a model of its own.
 */
import { getEngine } from '@/engine/client';
import { useStore } from '@/app/store/index';
import { specFor } from '@/app/store/modelRegistry';
import { saveTaught } from './teachModels';
import { selectModel } from '@/app/store/actions';
import { baseIdOf, getTeach as get, setTeach as set, teachMessage as message } from './teachState';
import { splitByName } from '@/features/teach/shared/split';
import { teachProblem } from '@/features/teach/shared/checks';
import { isCancelled } from '@/shared/errors';
import { DEFAULT_DENSE, DEFAULT_KNN_TEMPERATURE, type EmbeddingSet, type TaughtMeta, type TeachEpoch } from '@/features/teach/shared/teach';

let trainRequest: number | null = null;

/**
 * Epochs reach the store at most this often: a small head runs hundreds of epochs a second, and a
 * re-render for each would queue up behind the worker's messages (a cancel would then take minutes
 * to show).
 */
const EPOCH_FLUSH_MS = 100;

/** `isCurrent`: a superseded training's late epochs are dropped, not drawn on the new one's chart. */
function epochBuffer(isCurrent: () => boolean) {
  let waiting: TeachEpoch[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (waiting.length === 0 || !isCurrent()) return;
    const arrived = waiting;
    waiting = [];
    set((s) => ({ epochs: [...s.epochs, ...arrived] }));
  };
  return {
    add(epoch: TeachEpoch) {
      waiting.push(epoch);
      timer ??= setTimeout(flush, EPOCH_FLUSH_MS);
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      flush();
    },
  };
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

export function currentProblem(): string | null {
  const { names, train } = currentSets();
  return teachProblem(names.map((name, i) => ({ name, count: train.labels.filter((l) => l === i).length })));
}

export async function train(): Promise<void> {
  const problem = currentProblem();
  set({ problem });
  const base = specFor(baseIdOf(get()));
  if (problem || !base) return;
  if (trainRequest !== null) getEngine().cancel(trainRequest);
  const { names, train: trainSet, test } = currentSets();
  const { method, epochsWanted } = get();
  set({ status: 'training', epochs: [], error: null, savedAs: null });
  let id = -1;
  const epochs = epochBuffer(() => trainRequest === id);
  const handle = getEngine().teachTrain(
    {
      base,
      method,
      classes: names,
      train: trainSet,
      test,
      dense: { ...DEFAULT_DENSE, epochs: epochsWanted },
      temperature: DEFAULT_KNN_TEMPERATURE,
    },
    { onEvent: (event) => event.type === 'teach-epoch' && epochs.add(event.epoch) },
  );
  trainRequest = id = handle.id;
  try {
    const result = await handle.result;
    set({ result: { ...result, method, baseId: base.id, classes: names, trainCount: trainSet.labels.length, testCount: test.labels.length } });
  } catch (error) {
    if (!isCancelled(error)) set({ error: message(error) });
  } finally {
    epochs.flush();
    if (trainRequest === handle.id) {
      trainRequest = null;
      set({ status: 'idle' });
    }
  }
}

export function cancelTraining(): void {
  if (trainRequest !== null) getEngine().cancel(trainRequest);
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
  let id: string;
  try {
    id = await saveTaught(meta, result.head);
  } catch (error) {
    // The store's error says what happened and what to do ("Not saved: the browser's storage … is full. …").
    set({ error: message(error) });
    return;
  }
  set({ savedAs: meta.name, error: null });
  try {
    await selectModel(id);
  } catch (error) {
    set({ error: `The model was kept, but could not be selected: ${message(error)}` });
  }
}
