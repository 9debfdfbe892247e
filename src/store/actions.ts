/**
 * Everything the UI can ask for. Components call these; these talk to the worker client and
 * write the store. Nothing here runs a model: that is the worker's job.
 */
import { useStore, MAX_K, type ResultCard } from './index';
import { initialModel, isAvailable, keepMetaForOffline, loadCatalog, selectedSpec } from './catalogActions';
import { getClient } from '../client';
import { readUrlState, withParam } from '../lib/urlState';
import { isCancelled } from '../shared/errors';
import type { BackendName } from '../shared/protocol';

/** Images per forward pass when classifying a drop: big enough to amortise, small enough for memory. */
const CLASSIFY_BATCH = 8;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function setUrlParam(key: 'model' | 'backend', value: string | null): void {
  const search = withParam(window.location.search, key, value);
  window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

let booted = false;
/** Resolves once the start-up model is chosen: a drop that lands earlier waits for it. */
let markModelChosen: () => void = () => undefined;
const modelChosen = new Promise<void>((resolve) => (markModelChosen = resolve));

/** What a run's results depend on besides k: the model and the backend that ran it. */
function runKey(modelKey: string): string {
  return `${modelKey} on ${useStore.getState().engine?.backend ?? 'auto'}`;
}

export async function bootstrap(): Promise<void> {
  if (booted) return; // StrictMode mounts twice in development
  booted = true;
  const url = readUrlState(window.location.search);
  if (url.invalidBackend) {
    useStore.setState({ engineError: `Unknown backend "${url.invalidBackend}" in the URL; choosing automatically. Use webgpu, webgl, wasm or cpu.` });
  }
  const engineReady = startEngine(url.backend);
  const catalog = await loadCatalog();
  if (!catalog) {
    markModelChosen(); // queued drops fail with the catalog's message instead of waiting forever
    return;
  }
  const { installed } = useStore.getState();
  await engineReady;
  await selectModel(initialModel(catalog, installed, url.model), { updateUrl: url.model !== null });
}

export async function startEngine(backend: BackendName | null): Promise<void> {
  useStore.setState({ requestedBackend: backend, engineStatus: 'starting', engineError: null });
  try {
    const { engine } = await getClient().request({ type: 'init', backend }).result;
    useStore.setState({ engine, engineStatus: 'ready' });
  } catch (error) {
    useStore.setState({ engineStatus: 'error', engineError: message(error) });
  }
}

export async function changeBackend(backend: BackendName | null): Promise<void> {
  setUrlParam('backend', backend);
  await startEngine(backend);
  // Models were disposed with the old backend: reload and re-run what is on screen.
  const { selectedModel } = useStore.getState();
  if (selectedModel) await selectModel(selectedModel, { updateUrl: false });
}

export async function selectModel(id: string | null, { updateUrl = true } = {}): Promise<void> {
  useStore.setState({ selectedModel: id, modelInfo: null, modelError: null });
  if (updateUrl) setUrlParam('model', id);
  markModelChosen();
  const spec = selectedSpec();
  if (!spec) return;
  if (!isAvailable(spec.id)) {
    useStore.setState({ modelStatus: 'error', modelError: `${spec.name} is not installed here. Run \`npm run models\` to fetch it.` });
    return;
  }
  useStore.setState({ modelStatus: 'loading', modelProgress: 0 });
  try {
    const onEvent = (event: { type: string; stage?: string; fraction?: number }): void => {
      if (event.type === 'progress' && event.stage === 'download') useStore.setState({ modelProgress: event.fraction ?? 0 });
    };
    const { model } = await getClient().request({ type: 'load', model: spec }, { onEvent }).result;
    if (useStore.getState().selectedModel !== id) return; // the user moved on meanwhile
    await keepMetaForOffline(spec.id); // before 'ready', so a cache listing sees the whole model
    useStore.setState({ modelStatus: 'ready', modelInfo: model, modelProgress: 1 });
  } catch (error) {
    useStore.setState({ modelStatus: 'error', modelError: message(error) });
    return;
  }
  // Re-run what is on screen if it was computed by another model or backend.
  const { cards, run } = useStore.getState();
  if (cards.length > 0 && run?.modelKey !== runKey(spec.key)) void classifyCards(cards);
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

async function classifyCards(cards: readonly ResultCard[]): Promise<void> {
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
