/**
 * Everything the UI can ask for. Components call these; these talk to the worker client and
 * write the store. Nothing here runs a model: that is the worker's job.
 */
import { useStore } from './index';
import { loadTaughtModels } from '@/features/teach/client/teachModels';
import { isTaughtId } from '@/features/teach/client/taughtStore';
import { initialModel, keepMetaForOffline, loadCatalog } from './catalogActions';
import { isAvailable, selectedSpec, specFor } from './modelRegistry';
import { getEngine } from '@/engine/client';
import { listenToEngine } from './engineEvents';
import { applyRememberedChoice, remeasureBackends, watchFirstResults, type AfterMeasure } from '@/app/backendChoice/backendChoice';
import { classifyCards, markModelChosen, runKey } from '@/features/classify/client/classifyActions';
import { readUrlState, withParam } from '@/app/urlState';
import type { BackendName } from '@/engine/shared/types';
import type { WeightsName } from '@/shared/weights/names';
import { settleWeights, unknownWeightsNotice } from './weightsActions';
import { modelForRuntime } from './runtimeChoice';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function setUrlParam(key: 'model' | 'backend' | 'weights' | 'runtime', value: string | null): void {
  const search = withParam(window.location.search, key, value);
  window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

let booted = false;

export async function bootstrap(): Promise<void> {
  if (booted) return; // StrictMode mounts twice in development
  booted = true;
  listenToEngine();
  watchFirstResults(reloadAfterMeasure);
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
  let first = initialModel(catalog, installed, url.model);
  if (url.model && first !== url.model) {
    // Not a catalog model: perhaps a taught one (IndexedDB), so ?model=taught-… opens it after a reload.
    await loadTaughtModels().catch(() => undefined);
    if (isTaughtId(url.model)) first = url.model;
  }
  first = modelForRuntime(catalog, installed, first, url);
  if (url.invalidWeights) unknownWeightsNotice(url.invalidWeights);
  else if (url.weights) settleWeights(first, url.weights);
  // The model is known without the engine: shown at once (the picker, Benchmark's ticked model),
  // not seconds later when the engine has started. It loads below, once the engine is up.
  useStore.setState({ selectedModel: first });
  await engineReady;
  // Before the model loads, so it loads once, on the backend measured for it here before (a no-op
  // when startEngine already applied it, the model being known by then).
  await applyRememberedChoice(first);
  await selectModel(first, { updateUrl: url.model !== null });
}

export async function startEngine(backend: BackendName | null): Promise<void> {
  useStore.setState({ requestedBackend: backend, engineStatus: 'starting', engineError: null });
  try {
    const engine = await getEngine().init({ backend });
    useStore.setState({ engine, engineStatus: 'ready' });
    // Back to automatic (the picker): the measured choice for the model in use, when there is one.
    if (backend === null) await applyRememberedChoice(useStore.getState().selectedModel);
  } catch (error) {
    useStore.setState({ engineStatus: 'error', engineError: message(error) });
  }
}

/**
 * After a run that switched the engine's backend (Benchmark's sweep, Evaluate's backends): the page's
 * own backend (as asked: automatic stays automatic) and its model back, as they were before.
 */
export async function restorePageEngine(): Promise<void> {
  const { requestedBackend, selectedModel } = useStore.getState();
  await startEngine(requestedBackend);
  if (selectedModel) await selectModel(selectedModel, { updateUrl: false });
}

export async function changeBackend(backend: BackendName | null): Promise<void> {
  setUrlParam('backend', backend);
  await startEngine(backend);
  // Models were disposed with the old backend: reload and re-run what is on screen.
  const { selectedModel } = useStore.getState();
  if (selectedModel) await selectModel(selectedModel, { updateUrl: false });
}

export async function selectModel(id: string | null, { updateUrl = true } = {}): Promise<void> {
  const before = useStore.getState();
  // A model that was ready stays loaded in the worker (a model joins its LRU only once loaded):
  // if the new one fails, the selection returns to it, with the error still in view.
  const previous =
    before.modelStatus === 'ready' && before.modelInfo && before.selectedModel !== id ? { id: before.selectedModel, info: before.modelInfo } : null;
  const fail = (text: string): void => {
    if (useStore.getState().selectedModel !== id) return; // the user moved on meanwhile
    if (!previous) {
      useStore.setState({ modelStatus: 'error', modelError: text });
      return;
    }
    const name = specFor(previous.id)?.name ?? previous.id;
    useStore.setState({
      selectedModel: previous.id,
      modelStatus: 'ready',
      modelInfo: previous.info,
      modelProgress: 1,
      modelError: `${text} Still using ${name}.`,
    });
    if (updateUrl) setUrlParam('model', previous.id);
  };
  // Another model may not offer the weights in use: it then loads float32, and says so.
  if (before.selectedWeights !== 'float32' && settleWeights(id, before.selectedWeights) === 'float32') setUrlParam('weights', null);
  useStore.setState({ selectedModel: id, modelInfo: null, modelError: null });
  if (updateUrl) setUrlParam('model', id);
  markModelChosen();
  const spec = selectedSpec();
  if (!spec) return;
  if (!isAvailable(spec.id)) {
    fail(`${spec.name} is not installed here. Run \`npm run models\` to fetch it.`);
    return;
  }
  useStore.setState({ modelStatus: 'loading', modelProgress: 0 });
  try {
    const onEvent = (event: { type: string; stage?: string; fraction?: number }): void => {
      if (event.type === 'progress' && event.stage === 'download') useStore.setState({ modelProgress: event.fraction ?? 0 });
    };
    const model = await getEngine().load({ model: spec }, { onEvent });
    if (useStore.getState().selectedModel !== id) return; // the user moved on meanwhile
    await keepMetaForOffline(spec.id); // before 'ready', so a cache listing sees the whole model
    useStore.setState({ modelStatus: 'ready', modelInfo: model, modelProgress: 1 });
  } catch (error) {
    fail(message(error));
    return;
  }
  // Re-run what is on screen if it was computed by another model or backend.
  const { cards, run } = useStore.getState();
  if (cards.length > 0 && run?.modelKey !== runKey(spec.key)) void classifyCards(cards);
}

/** A measured switch took the models with the old backend: reload the model, which re-runs what is on screen. */
async function reloadAfterMeasure(next: AfterMeasure): Promise<void> {
  if (next) await selectModel(next.reload, { updateUrl: false });
}

/** What ran's "Measure again": forget this device's choice for the model, measure, reload on a switch. */
export async function measureAgain(): Promise<void> {
  await reloadAfterMeasure(await remeasureBackends());
}

/** The picker's weights choice: kept in the URL (`?weights=`), then the model reloads with them. */
export async function selectWeights(weights: WeightsName): Promise<void> {
  const { selectedModel } = useStore.getState();
  const used = settleWeights(selectedModel, weights);
  setUrlParam('weights', used === 'float32' ? null : used);
  await selectModel(selectedModel, { updateUrl: false });
}

export { setK, classifyFiles, clearResults } from '@/features/classify/client/classifyActions';
