/**
 * Classify actions: a drop becomes cards, cards go to the worker, items stream back onto them.
 * Split from actions.ts so the classify path (the busiest) reads on its own.
 */
import { useStore, MAX_K, type ResultCard } from '@/app/store/index';
import { isAvailable, selectedSpec } from '@/app/store/modelRegistry';
import { beginRun, failPending, itemUpdates, setRunModel } from './cardUpdates';
import { NO_SKIPPED, type SkippedFiles } from './resultsSlice';
import { getEngine } from '@/engine/client';
import { isCancelled, serializeError, type SerializedError } from '@/shared/errors';
import type { DroppedFile } from '@/browser/files/imageFiles';
import { prepareFiles } from '@/browser/files/prepareFiles';
import { nextTask } from '@/shared/nextTask';
import { classifyBatchFor } from './classifyBatch';
import type { ModelSpec } from '@/engine/shared/types';

/**
 * Images per worker request (rounded up to whole batches). Posting 500 Files in one message costs the main thread ~80 ms of
 * structured cloning; requests of 48 (a multiple of the batch), posted one task apart, keep every
 * task short. The worker runs requests in order, so nothing else changes.
 */
const REQUEST_CHUNK = 48;

/** Resolves once the start-up model is chosen: a drop that lands earlier waits for it. */
export let markModelChosen: () => void = () => undefined;
const modelChosen = new Promise<void>((resolve) => (markModelChosen = resolve));
/** Resolves once the start-up model is chosen (at once after that). */
export const whenModelChosen = (): Promise<void> => modelChosen;

/** What a run's results depend on besides k: the model and the backend that ran it. */
export function runKey(modelKey: string): string {
  return `${modelKey} on ${useStore.getState().engine?.backend ?? 'auto'}`;
}

export function setK(k: number): void {
  const clamped = Math.max(1, Math.min(MAX_K, Math.round(k) || 1));
  if (clamped === useStore.getState().k) return;
  useStore.setState({ k: clamped });
  if (useStore.getState().cards.length > 0) void classifyCards(useStore.getState().cards);
}

let nextCardKey = 1;
let nextClaim = 1;
/** Worker requests in flight → the claim they serve. */
const inFlight = new Map<number, number>();

/** Files dropped or picked one by one, or pasted: every one gets a card. */
export function classifyFiles(files: readonly File[]): void {
  void classifyDropped(
    files.map((file) => ({ file, path: file.name || 'pasted image' })),
    NO_SKIPPED,
  );
}

/** Images (from folders too) get cards; files skipped in folders are added to the one skipped line. */
export async function classifyDropped(files: readonly DroppedFile[], skipped: SkippedFiles): Promise<void> {
  const startedAt = performance.now(); // from the drop: SVG drawing and waiting for start-up count
  if (skipped.notImages.length + skipped.unreadable.length > 0) {
    useStore.setState((s) => ({
      skipped: { notImages: [...s.skipped.notImages, ...skipped.notImages], unreadable: [...s.skipped.unreadable, ...skipped.unreadable] },
    }));
  }
  if (files.length === 0) return;
  await nextTask(); // out of the input's change event: the browser has just spent its own time building the FileList
  const prepared = await prepareFiles(files);
  const added: ResultCard[] = prepared.map(({ path, file, error }) => ({
    key: `card-${nextCardKey++}`,
    name: path,
    file,
    thumbUrl: null,
    status: error ? 'error' : 'pending',
    item: error ? { name: path, status: 'error', error } : null,
    claim: 0,
  }));
  useStore.setState((s) => ({ cards: [...added, ...s.cards] }));
  await classifyCards(
    added.filter((c) => c.status === 'pending'),
    startedAt,
  );
}

/** Asks the worker to stop requests whose cards have all been taken over by a newer claim (or removed). */
function cancelOrphans(): void {
  const live = new Set(useStore.getState().cards.flatMap((c) => (c.status === 'pending' ? [c.claim] : [])));
  for (const [requestId, claim] of inFlight) {
    if (live.has(claim)) continue;
    inFlight.delete(requestId);
    getEngine().cancel(requestId);
  }
}

const cancelledError: SerializedError = { name: 'LumenError', code: 'cancelled', message: 'Cancelled before it was classified.' };

export async function classifyCards(cards: readonly ResultCard[], startedAt = performance.now()): Promise<void> {
  if (cards.length === 0) return;
  const claim = nextClaim++;
  const keys = new Set(cards.map((c) => c.key));
  useStore.setState((s) => ({ cards: s.cards.map((c) => (keys.has(c.key) ? { ...c, status: 'pending', item: null, claim } : c)) }));
  beginRun([...keys], startedAt);
  cancelOrphans(); // a re-run of everything supersedes the request in flight
  await modelChosen;
  const spec = selectedSpec();
  // A cancel, a removal or a newer claim may have taken cards meanwhile.
  const mine = useStore.getState().cards.filter((c) => c.claim === claim && c.status === 'pending');
  if (mine.length === 0) return;
  if (!spec || !isAvailable(spec.id)) {
    failPending((card) => card.claim === claim, {
      name: 'LumenError',
      code: 'model-not-found',
      message: 'No model is installed. Run `npm run models`, then reload.',
    });
    return;
  }
  setRunModel(runKey(spec.key));
  const { k } = useStore.getState();
  const batch = classifyBatchFor(spec.id).size;
  const chunkSize = Math.ceil(REQUEST_CHUNK / batch) * batch; // whole batches per request
  const sent: Promise<void>[] = [];
  for (let start = 0; start < mine.length; start += chunkSize) {
    if (start > 0) await nextTask();
    // Taken again each time: a cancel or a re-run may have claimed the rest meanwhile.
    const current = new Map(useStore.getState().cards.map((c) => [c.key, c]));
    const chunk = mine.slice(start, start + chunkSize).filter((c) => current.get(c.key)?.claim === claim && current.get(c.key)?.status === 'pending');
    if (chunk.length > 0) sent.push(classifyChunk(chunk, claim, spec, k, batch));
  }
  await Promise.all(sent);
}

/** One worker request for some of a claim's cards; whatever it leaves pending becomes an error card. */
async function classifyChunk(chunk: readonly ResultCard[], claim: number, spec: ModelSpec, k: number, batchSize: number): Promise<void> {
  const keys = new Set(chunk.map((c) => c.key));
  const ours = (card: ResultCard): boolean => card.claim === claim && keys.has(card.key);
  const handle = getEngine().classify(
    { model: spec, k, images: chunk.map((c) => ({ name: c.name, kind: 'blob', blob: c.file })), batchSize },
    {
      onEvent: (event) => {
        const card = event.type === 'item' ? chunk[event.index] : undefined;
        if (event.type === 'item' && card) itemUpdates.push({ claim, key: card.key, item: event.item });
      },
    },
  );
  inFlight.set(handle.id, claim);
  try {
    await handle.result;
    itemUpdates.flush();
    // The worker answers every image; any card still pending here was never reported.
    failPending(ours, { name: 'LumenError', code: 'internal', message: 'The worker finished without a result for this image.' });
  } catch (error) {
    // The real error, as the worker (or the client, for a crashed worker) gave it: its name, code and message.
    failPending(ours, isCancelled(error) ? cancelledError : serializeError(error));
  } finally {
    inFlight.delete(handle.id);
  }
}

/** The Cancel button: stops every request in flight; cards still waiting say they were cancelled. */
export function cancelRun(): void {
  for (const requestId of inFlight.keys()) getEngine().cancel(requestId);
  inFlight.clear();
  failPending(() => true, cancelledError);
}

export function removeCard(key: string): void {
  const card = useStore.getState().cards.find((c) => c.key === key);
  if (!card) return;
  if (card.thumbUrl) URL.revokeObjectURL(card.thumbUrl);
  useStore.setState((s) => ({ cards: s.cards.filter((c) => c.key !== key) }));
  cancelOrphans();
}

export function clearResults(): void {
  for (const requestId of inFlight.keys()) getEngine().cancel(requestId);
  inFlight.clear();
  itemUpdates.discard();
  for (const card of useStore.getState().cards) if (card.thumbUrl) URL.revokeObjectURL(card.thumbUrl);
  useStore.setState({ cards: [], run: null, skipped: NO_SKIPPED });
}
