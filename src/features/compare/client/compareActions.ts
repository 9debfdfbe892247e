/** Compare view: one worker request that runs the chosen models one after another. */
import { useStore, type CompareEntry } from '@/app/store/index';
import { diskBytesOf, specFor } from '@/app/store/modelRegistry';
import { getEngine } from '@/engine/client';
import { isCancelled } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';
import { parseChoice } from '@/shared/weights/choice';
import { findVariant } from '@/shared/weights/variantSpec';

/** Bytes a (model, weights) choice downloads: the variant's files, or the model's own. */
function choiceDiskBytes(key: string): number | null {
  const { id, weights } = parseChoice(key);
  const model = useStore.getState().catalog?.models.find((m) => m.id === id);
  const variant = model ? findVariant(model, weights) : null;
  return variant ? variant.totalBytes : diskBytesOf(id);
}

/** Warm-up passes on the actual image before timing (the load already ran one on zeros). */
const COMPARE_WARMUP = 1;

/** The image Compare uses unless the user picks one: the first image dropped in Classify. */
export function classifyImage(): File | null {
  return useStore.getState().cards.at(-1)?.file ?? null; // cards are newest first
}

export async function startCompare(ids: readonly string[], runs: number, image: File | null): Promise<void> {
  const previous = useStore.getState().compareRun;
  if (previous?.status === 'running') getEngine().cancel(previous.requestId);
  // An id may name weights too (mobilenet_v2_100_224:float16): the variant then sits beside its model.
  const chosen = ids
    .map((id) => ({ id, spec: specFor(parseChoice(id).id, parseChoice(id).weights) }))
    .filter((c): c is { id: string; spec: ModelSpec } => c.spec !== null);
  if (chosen.length === 0) return;
  const entries: CompareEntry[] = chosen.map(({ id, spec }) => ({ id, name: spec.name, diskBytes: choiceDiskBytes(id) }));
  const handle = getEngine().compare(
    {
      models: chosen.map((c) => c.spec),
      image: image ? { name: image.name, kind: 'blob', blob: image } : null,
      warmup: COMPARE_WARMUP,
      runs,
    },
    {
      onEvent: (event) => {
        useStore.setState((s) => {
          const run = s.compareRun;
          if (run?.requestId !== handle.id) return {};
          if (event.type === 'compare-row') return { compareRun: { ...run, rows: run.rows.map((r, i) => (i === event.index ? event.row : r)) } };
          if (event.type === 'progress') return { compareRun: { ...run, progress: event.detail } };
          return {};
        });
      },
    },
  );
  useStore.setState({
    compareRun: {
      status: 'running',
      requestId: handle.id,
      entries,
      rows: entries.map(() => null),
      runs,
      imageName: image?.name ?? null,
      progress: 'starting',
      error: null,
    },
  });
  const finish = (patch: { status: 'done' | 'cancelled' | 'error'; error?: string }): void =>
    useStore.setState((s) => (s.compareRun?.requestId === handle.id ? { compareRun: { ...s.compareRun, error: null, ...patch } } : {}));
  try {
    await handle.result;
    finish({ status: 'done' });
  } catch (error) {
    finish(isCancelled(error) ? { status: 'cancelled' } : { status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

export function cancelCompare(): void {
  const run = useStore.getState().compareRun;
  if (run?.status === 'running') getEngine().cancel(run.requestId);
}
