/**
 * The Teach view's classes and images: adding, renaming and removing them, and each image's
 * embedding from the chosen base (asked of the worker once; it caches them by content too). kNN is
 * taught again by itself whenever embeddings arrive, so its held-out figures follow the images
 * (teachTraining.ts); the dense head trains when asked.
 */
import { getEngine } from '@/engine/client';
import { specFor } from '@/app/store/modelRegistry';
import { baseIdOf, getTeach as get, setTeach as set, teachMessage as message, type TeachClass, type TeachImage } from './teachState';
import { currentProblem, train } from './teachTraining';
import { prepareFiles } from '@/browser/files/prepareFiles';
import type { DroppedFile } from '@/browser/files/imageFiles';
import type { TeachMethod } from '@/features/teach/shared/teach';

// Ids for classes and images; classes 1 and 2 are there from the start (teachState.ts).
let nextId = 3;
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
    const { at } = await getEngine().teachEmbed(
      { base, images: waiting.map((i) => ({ name: i.name, kind: 'blob' as const, blob: i.file })) },
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
