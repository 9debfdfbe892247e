/**
 * The measured automatic backend, page side. With no forced backend (picker or ?backend=):
 * - at start-up, a choice remembered for (model, device) is applied before the model loads;
 * - otherwise, once the first result is on screen (on the rule-based backend), the worker times
 *   each backend (engine/shared/timeBackends.ts, engine/worker/backendTiming.ts), the page decides, remembers and, when
 *   another backend wins clearly, switches to it and re-runs what is on screen.
 * The person can measure again (What ran). Its state lives in a store of its own.
 */
import { create } from 'zustand';
import { useStore } from '@/app/store/index';
import { selectedSpec } from '@/app/store/modelRegistry';
import { deviceOf, localStore } from '@/browser/storage/device';
import { getEngine } from '@/engine/client';
import { decideBackend } from './decide';
import { forgetChoice, readChoice, writeChoice } from './remembered';
import type { BackendName } from '@/engine/shared/types';

export interface BackendChoiceState {
  status: 'idle' | 'timing' | 'done' | 'error';
  /** "webgl 41 ms, wasm 12 ms → wasm", or what went wrong. */
  summary: string | null;
  /** The choice came from localStorage, measured on an earlier visit. */
  remembered: boolean;
  modelId: string | null;
}

export const useBackendChoice = create<BackendChoiceState>(() => ({ status: 'idle', summary: null, remembered: false, modelId: null }));

const storage = localStore;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
/** Models measured in this page's life, so a refused or failed measurement is not retried on every result. */
const measuredThisVisit = new Set<string>();

/** Runs `backend` as the automatic choice (not forced): the engine badge and What ran say why. */
async function runMeasured(backend: BackendName, summary: string, remembered: boolean): Promise<void> {
  const why = remembered ? `measured on an earlier visit: ${summary}` : `measured: ${summary}`;
  // Unforced in the worker too: a worker started afresh (after a crash) replays it as the measured
  // choice, and where it cannot start the automatic order takes over.
  const engine = await getEngine().init({ backend, measured: why });
  useStore.setState({ engine, engineStatus: 'ready', requestedBackend: null });
}

/** At start-up, before the model loads: the choice remembered for (model, device), if any. */
export async function applyRememberedChoice(modelId: string | null): Promise<void> {
  const { engine, requestedBackend } = useStore.getState();
  const store = storage();
  if (!modelId || !engine || requestedBackend !== null || !store) return;
  const choice = readChoice(store, modelId, deviceOf(engine));
  if (!choice) return;
  useBackendChoice.setState({ status: 'done', summary: choice.summary, remembered: true, modelId });
  measuredThisVisit.add(modelId);
  if (choice.backend === engine.backend) {
    useStore.setState({ engine: { ...engine, reason: `measured on an earlier visit: ${choice.summary}` } });
    return;
  }
  try {
    await runMeasured(choice.backend, choice.summary, true);
  } catch (error) {
    useBackendChoice.setState({ status: 'error', summary: `the remembered ${choice.backend} could not start: ${message(error)}` });
  }
}

/**
 * After a switch the models went with the old backend: what the caller must reload (and re-run
 * what is on screen with). Returned, not done here, so this module never calls the model actions back.
 */
export type AfterMeasure = { reload: string } | null;

/** Times every backend on the selected model, decides, remembers, and switches when it wins clearly. */
export async function measureBackends(): Promise<AfterMeasure> {
  const spec = selectedSpec();
  const { engine, requestedBackend } = useStore.getState();
  if (!spec || !engine || requestedBackend !== null || useBackendChoice.getState().status === 'timing') return null;
  measuredThisVisit.add(spec.id);
  useBackendChoice.setState({ status: 'timing', summary: null, remembered: false, modelId: spec.id });
  try {
    const timings = await getEngine().timeBackends({ model: spec });
    const decision = decideBackend(timings, engine.backend);
    const store = storage();
    if (store) writeChoice(store, spec.id, deviceOf(engine), { backend: decision.backend, summary: decision.summary, at: Date.now() });
    useBackendChoice.setState({ status: 'done', summary: decision.summary });
    if (useStore.getState().requestedBackend !== null || selectedSpec()?.id !== spec.id) return null; // the person moved on
    if (!decision.switched) {
      useStore.setState({ engine: { ...engine, reason: `measured: ${decision.summary}` } });
      return null;
    }
    await runMeasured(decision.backend, decision.summary, false);
    return { reload: spec.id };
  } catch (error) {
    useBackendChoice.setState({ status: 'error', summary: `could not measure: ${message(error)}` });
    return null;
  }
}

/** The "Measure again" button: forgets the remembered choice for this model and device, then measures. */
export async function remeasureBackends(): Promise<AfterMeasure> {
  const spec = selectedSpec();
  const { engine } = useStore.getState();
  const store = storage();
  if (spec && engine && store) forgetChoice(store, spec.id, deviceOf(engine));
  if (useStore.getState().requestedBackend !== null) return null;
  return measureBackends();
}

/** Watches for the first result of a model not yet measured on this device, then measures; `after` reloads on a switch. */
export function watchFirstResults(after: (next: AfterMeasure) => Promise<void>): () => void {
  return useStore.subscribe((state) => {
    const spec = selectedSpec();
    if (!spec || state.requestedBackend !== null || state.engineStatus !== 'ready' || state.modelStatus !== 'ready') return;
    if (measuredThisVisit.has(spec.id) || !state.cards.some((c) => c.status === 'ok')) return;
    const store = storage();
    if (store && state.engine && readChoice(store, spec.id, deviceOf(state.engine))) return;
    // After this update paints: the first result shows before the worker gets busy timing.
    setTimeout(() => void measureBackends().then(after), 0);
    measuredThisVisit.add(spec.id);
  });
}
