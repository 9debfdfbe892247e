/**
 * Classify actions: a drop becomes cards, cards go to the worker, items stream back onto them.
 * Split from actions.ts so the classify path (the busiest) reads on its own.
 */
import { useStore, MAX_K, type ResultCard } from './index';
import { isAvailable, selectedSpec } from './catalogActions';
import { getClient } from '../client';
import { isCancelled } from '../shared/errors';

/** Images per forward pass when classifying a drop: big enough to amortise, small enough for memory. */
const CLASSIFY_BATCH = 8;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Resolves once the start-up model is chosen: a drop that lands earlier waits for it. */
export let markModelChosen: () => void = () => undefined;
const modelChosen = new Promise<void>((resolve) => (markModelChosen = resolve));

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

export function classifyFiles(files: readonly File[]): void {
  if (files.length === 0) return;
  const added: ResultCard[] = files.map((file) => ({
    key: `card-${nextCardKey++}`,
    name: file.name || 'pasted image',
    thumbUrl: URL.createObjectURL(file),
    file,
    status: 'pending',
    item: null,
  }));
  useStore.setState((s) => ({ cards: [...added, ...s.cards] }));
  void classifyCards(added);
}

export function clearResults(): void {
  const { cards, run } = useStore.getState();
  if (run && run.totalMs === null) getClient().cancel(run.requestId);
  for (const card of cards) URL.revokeObjectURL(card.thumbUrl);
  useStore.setState({ cards: [], run: null });
}

function patchCard(key: string, patch: Partial<ResultCard>): void {
  useStore.setState((s) => ({ cards: s.cards.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));
}

export async function classifyCards(cards: readonly ResultCard[]): Promise<void> {
  const started = performance.now(); // from the drop: waiting for start-up counts
  await modelChosen;
  const spec = selectedSpec();
  const { k, run: previous } = useStore.getState();
  const keys = new Set(cards.map((c) => c.key));
  useStore.setState((s) => ({ cards: s.cards.map((c) => (keys.has(c.key) ? { ...c, status: 'pending', item: null } : c)) }));
  if (!spec || !isAvailable(spec.id)) {
    const error = { name: 'LumenError', code: 'model-not-found' as const, message: 'No model is installed. Run `npm run models`, then reload.' };
    for (const card of cards) patchCard(card.key, { status: 'error', item: { name: card.name, status: 'error', error } });
    return;
  }
  // A re-run of everything supersedes the run in flight.
  if (previous && previous.totalMs === null && cards.length === useStore.getState().cards.length) getClient().cancel(previous.requestId);
  const handle = getClient().request(
    { type: 'classify', model: spec, k, images: cards.map((c) => ({ name: c.name, kind: 'blob', blob: c.file })), batchSize: CLASSIFY_BATCH },
    {
      onEvent: (event) => {
        if (event.type !== 'item') return;
        const card = cards[event.index];
        if (card) patchCard(card.key, { status: event.item.status, item: event.item });
        useStore.setState((s) =>
          s.run?.requestId === handle.id ? { run: { ...s.run, done: s.run.done + 1, firstResultMs: s.run.firstResultMs ?? performance.now() - started } } : {},
        );
      },
    },
  );
  useStore.setState({ run: { requestId: handle.id, modelKey: runKey(spec.key), total: cards.length, done: 0, firstResultMs: null, totalMs: null } });
  try {
    await handle.result;
    useStore.setState((s) => (s.run?.requestId === handle.id ? { run: { ...s.run, totalMs: performance.now() - started } } : {}));
  } catch (error) {
    if (isCancelled(error)) return;
    const failure = { name: 'LumenError', code: 'internal' as const, message: message(error) };
    for (const card of cards) {
      const current = useStore.getState().cards.find((c) => c.key === card.key);
      if (current?.status === 'pending') patchCard(card.key, { status: 'error', item: { name: card.name, status: 'error', error: failure } });
    }
  }
}
