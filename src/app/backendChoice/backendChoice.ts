/**
 * The measured automatic choice, page side. With no forced backend (picker or ?backend=):
 * - at start-up, a choice remembered for (model, device) is applied before the model loads;
 * - otherwise, once the first result is on screen (on the rule-based backend), the worker times
 *   each backend (engine/shared/timeBackends.ts, engine/worker/backendTiming.ts) and, for a
 *   catalog model with a family, each other member on its runtime (the same network as ONNX or
 *   TFLite, within half a point of its top-1: shared/models/family.ts), with the wasm threads each
 *   runs and the per-image time of a batch; the page decides, remembers and, when another backend
 *   or member wins clearly, switches to it (the member runs while the model stays selected:
 *   `runningMember`, modelRegistry.selectedSpec) and re-runs what is on screen. Where the page is
 *   cross-origin isolated, a probe worker times wasm at the other thread count (threadProbe.ts);
 *   when its figure wins, the engine's worker restarts with that count.
 * The person can measure again (What ran). Its state lives in a store of its own.
 */
import { create } from 'zustand';
import { useStore } from '@/app/store/index';
import { isAvailable, selectionSpec, specFor } from '@/app/store/modelRegistry';
import { deviceOf, localStore } from '@/browser/storage/device';
import { engineWasmThreads, getEngine, openProbeEngine, restartEngineWithWasmThreads } from '@/engine/client';
import { rememberChoiceBatch } from '@/features/classify/client/classifyBatch';
import { choosableMembers } from '@/shared/models/family';
import { decideBackend } from './decide';
import { forgetChoice, readChoice, writeChoice, type RememberedChoice } from './remembered';
import { timeOtherThreads, type ProbeResult, type ThreadsHere } from './threadProbe';
import { runtimeOfFormat, type BackendName, type ModelSpec } from '@/engine/shared/types';

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

const threadsHere = (): ThreadsHere => ({
  isolated: globalThis.crossOriginIsolated === true,
  cores: globalThis.navigator?.hardwareConcurrency ?? 1,
  asked: engineWasmThreads(),
});

/** The worker's wasm threads as `choice` needs them (isolated pages only: elsewhere wasm runs one thread anyway). */
async function applyThreads(choice: RememberedChoice): Promise<void> {
  const wanted = choice.wasmThreads ?? null;
  if (threadsHere().isolated && wanted !== engineWasmThreads()) await restartEngineWithWasmThreads(wanted);
}

/** Family members the measured choice may weigh for the selection: catalog models at float32 weights only. */
function memberSpecs(spec: ModelSpec): ModelSpec[] {
  const { catalog, selectedWeights } = useStore.getState();
  if (!catalog || selectedWeights !== 'float32') return [];
  return choosableMembers(catalog.models, spec.id, (m) => isAvailable(m.id)).flatMap((m) => specFor(m.id) ?? []);
}

/** The member a choice ran, when it is still one the choice may weigh (installed, in the family, accurate enough). */
function memberOf(modelId: string, choice: RememberedChoice): { of: string; member: string } | null {
  const spec = specFor(modelId);
  if (!choice.modelId || !spec) return null;
  return memberSpecs(spec).some((m) => m.id === choice.modelId) ? { of: modelId, member: choice.modelId } : null;
}

/** At start-up, before the model loads: the choice remembered for (model, device), if any. */
export async function applyRememberedChoice(modelId: string | null): Promise<void> {
  const { engine, requestedBackend } = useStore.getState();
  const store = storage();
  if (!modelId || !engine || requestedBackend !== null || !store) return;
  const choice = readChoice(store, modelId, deviceOf(engine));
  if (!choice) return;
  useStore.setState({ runningMember: memberOf(modelId, choice) });
  useBackendChoice.setState({ status: 'done', summary: choice.summary, remembered: true, modelId });
  measuredThisVisit.add(modelId);
  try {
    await applyThreads(choice);
  } catch (error) {
    useBackendChoice.setState({ status: 'error', summary: `the remembered wasm threads could not start: ${message(error)}` });
  }
  // After a restart the store holds the new worker's engine (its engine-changed event), with its threads.
  const current = useStore.getState().engine ?? engine;
  if (choice.backend === current.backend) {
    useStore.setState({ engine: { ...current, reason: `measured on an earlier visit: ${choice.summary}` } });
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

/**
 * Times every backend (and family member) on the selected model, decides, remembers, and switches
 * when one wins clearly. Measured from the selection itself on the running backend, so a member
 * chosen on an earlier visit must win again.
 */
export async function measureBackends(): Promise<AfterMeasure> {
  const spec = selectionSpec();
  const { engine, requestedBackend } = useStore.getState();
  if (!spec || !engine || requestedBackend !== null || useBackendChoice.getState().status === 'timing') return null;
  measuredThisVisit.add(spec.id);
  useBackendChoice.setState({ status: 'timing', summary: null, remembered: false, modelId: spec.id });
  try {
    const members = memberSpecs(spec);
    const own = await getEngine().timeBackends({ model: spec, ...(members.length > 0 ? { members } : {}) });
    const here = threadsHere();
    // A probe that cannot start loses only its own figures, never the engine's.
    const probe = await timeOtherThreads(spec, members, here, openProbeEngine).catch((): ProbeResult => ({ timings: [], threads: here.asked }));
    const decision = decideBackend([...own, ...probe.timings], engine.backend, undefined, members.length > 0 ? runtimeOfFormat(spec.format) : null);
    const threadsSwitch = decision.chosen !== null && probe.timings.includes(decision.chosen);
    const wasmThreads = threadsSwitch ? probe.threads : here.asked;
    const store = storage();
    const choice: RememberedChoice = { backend: decision.backend, summary: decision.summary, at: Date.now(), batch: decision.batch };
    if (decision.modelId) choice.modelId = decision.modelId;
    if (wasmThreads !== null) choice.wasmThreads = wasmThreads;
    if (store) writeChoice(store, spec.id, deviceOf(engine), choice);
    useBackendChoice.setState({ status: 'done', summary: decision.summary });
    if (useStore.getState().requestedBackend !== null || selectionSpec()?.id !== spec.id) return null; // the person moved on
    const winner = decision.chosen;
    if (winner?.batchMs != null && winner.batch) {
      const throughput = (1000 * decision.batch) / (decision.batch > 1 ? winner.batchMs : (winner.warmMs ?? winner.batchMs));
      rememberChoiceBatch({ model: decision.modelId ?? spec.id, backend: decision.backend, batch: decision.batch, throughput });
    }
    const running = useStore.getState().runningMember;
    const runningMember = decision.modelId ? { of: spec.id, member: decision.modelId } : null;
    useStore.setState({ runningMember });
    if (!decision.switched && !threadsSwitch && running === null) {
      useStore.setState({ engine: { ...engine, reason: `measured: ${decision.summary}` } });
      return null;
    }
    if (threadsSwitch) await restartEngineWithWasmThreads(wasmThreads);
    // After a restart the store holds the new worker's engine (its engine-changed event): keep its threads.
    const current = useStore.getState().engine ?? engine;
    if (decision.backend !== current.backend) await runMeasured(decision.backend, decision.summary, false);
    else useStore.setState({ engine: { ...current, reason: `measured: ${decision.summary}` } });
    return { reload: spec.id };
  } catch (error) {
    useBackendChoice.setState({ status: 'error', summary: `could not measure: ${message(error)}` });
    return null;
  }
}

/** The "Measure again" button: forgets the remembered choice for this model and device, then measures. */
export async function remeasureBackends(): Promise<AfterMeasure> {
  const spec = selectionSpec();
  const { engine } = useStore.getState();
  const store = storage();
  if (spec && engine && store) forgetChoice(store, spec.id, deviceOf(engine));
  if (useStore.getState().requestedBackend !== null) return null;
  return measureBackends();
}

/** Watches for the first result of a model not yet measured on this device, then measures; `after` reloads on a switch. */
export function watchFirstResults(after: (next: AfterMeasure) => Promise<void>): () => void {
  return useStore.subscribe((state) => {
    const spec = selectionSpec();
    if (!spec || state.requestedBackend !== null || state.engineStatus !== 'ready' || state.modelStatus !== 'ready') return;
    if (measuredThisVisit.has(spec.id) || !state.cards.some((c) => c.status === 'ok')) return;
    const store = storage();
    if (store && state.engine && readChoice(store, spec.id, deviceOf(state.engine))) return;
    // After this update paints: the first result shows before the worker gets busy timing.
    setTimeout(() => void measureBackends().then(after), 0);
    measuredThisVisit.add(spec.id);
  });
}
