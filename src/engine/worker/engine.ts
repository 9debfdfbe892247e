/**
 * The worker's one engine: the active backend, the loaded models (modelLru.ts: a small LRU,
 * disposed on evict) and the classify pipeline; the other tasks are in engineTasks.ts. The handler
 * drives it; engine.test.ts drives it on the cpu backend, and the handler's tests use a fake engine.
 */
import { runtimeMemory } from './runtimes/runtimeMemory';
import { tf } from './tfjs';
import { selectBackend } from './backend';
import type { LoadedModel } from './models';
import { loadAnyModel } from './loadAnyModel';
import { classifyImages, inferBatch, type ClassifyHooks, type ClassifyRequest, type Decoder, type ProgressFn } from './predict';
import { inspectModel } from '@/features/inspect/worker/inspect';
import { compareModels, type CompareHooks, type CompareRequest } from '@/features/compare/worker/compare';
import { loseGpu } from './gpuLoss';
import { createGpuSupervisor, recoverBackend } from './recovery';
import { createModelLru } from './modelLru';
import { assertNever } from '@/shared/assertNever';
import { offThreadDecoder, type DecodeBound } from '@/engine/decode/decodeOffThread';
import { decodeBoundFor } from '@/shared/images/boundedSize';
import { createEngineTasks, type BenchmarkHooks, type EngineTasks } from './engineTasks';
import { loadTaughtModel } from '@/features/teach/worker/taught';
import type { BackendName, EngineInfo, FaultKind, MemorySnapshot, ModelInfo, ModelSpec, Notice } from '@/engine/shared/types';
import type { ModelReport } from '@/features/inspect/shared/messages';

export type { BenchmarkHooks, ProgressFn };

/** What the engine tells outside any one call's hooks: recoveries, and backend changes under a request. */
export interface EngineSink {
  notice(notice: Notice): void;
  engineChanged(info: EngineInfo): void;
}

/** Optional tasks: an engine that cannot teach, or time backends, says so (handler.ts). */
type OptionalTask = 'teachEmbed' | 'teachTrain' | 'timeBackends';

export interface Engine extends Omit<EngineTasks, OptionalTask>, Partial<Pick<EngineTasks, OptionalTask>> {
  /** Where recoveries are reported; the handler stamps them with the running request's id. */
  subscribe?(sink: EngineSink): void;
  /** tf.memory() now, for the tf-memory test hook. */
  memory(): MemorySnapshot;
  /** Test hook: provoke a fault (see FaultKind). */
  injectFault(kind: FaultKind): Promise<void>;
  /** `measured`: `backend` is the page's measured automatic choice, with why (see the init request). */
  init(backend: BackendName | null, onProgress: ProgressFn, measured?: string): Promise<EngineInfo>;
  load(spec: ModelSpec, onProgress: ProgressFn): Promise<ModelInfo>;
  classify(request: ClassifyRequest, hooks: ClassifyHooks): Promise<{ count: number; failed: number }>;
  inspect(spec: ModelSpec, onProgress: ProgressFn): Promise<ModelReport>;
  compare(request: CompareRequest, hooks: CompareHooks): Promise<{ count: number; failed: number }>;
}

/** What tests replace: how a backend starts (backend.ts), how a catalog model is loaded (models.ts), how classify decodes. */
export interface EngineDeps {
  selectBackend: typeof selectBackend;
  loadModel(spec: ModelSpec, onProgress: (fraction: number) => void, onNotice: (notice: Notice) => void): Promise<LoadedModel>;
  decoder(bound: DecodeBound): Decoder;
}

const defaultDeps: EngineDeps = {
  selectBackend,
  loadModel: loadAnyModel,
  decoder: offThreadDecoder,
};

/** Large models hold hundreds of MB of device memory; keep only the most recent few. */
export const MAX_LOADED_MODELS = 2;

/** What the 'oom' fault throws: the message TF.js's WebGL backend gives when a texture cannot be allocated. */
const INJECTED_OOM = 'Failed to allocate texture: out of memory (injected by the oom fault)';

export function createTfEngine(overrides: Partial<EngineDeps> = {}): Engine {
  const deps: EngineDeps = { ...defaultDeps, ...overrides };
  let info: EngineInfo | null = null;
  const models = createModelLru<LoadedModel>(MAX_LOADED_MODELS);
  let sink: EngineSink | null = null;
  /** The 'oom' fault: forward passes of more than one image fail until the request in flight ends. */
  let oomArmed = false;

  const activate = (next: EngineInfo): EngineInfo => {
    info = next;
    gpu.watchActive();
    return next;
  };

  // GPU lost: models lived in the dead backend's memory. Drop them, get a backend working again,
  // reload the model in use (from Cache Storage), then say what happened and how long it took.
  const gpu = createGpuSupervisor(async (lost, gone, started) => {
    const inUse = models.newest()?.spec ?? null;
    models.clear(() => undefined); // their textures or buffers died with the GPU
    const previous = info ?? (await deps.selectBackend(null));
    const recovered = await recoverBackend(lost, previous, gone, started);
    activate(recovered.info);
    sink?.engineChanged(recovered.info);
    if (inUse) await modelInLru(inUse, () => undefined);
    sink?.notice({ ...recovered.notice, recoveryMs: performance.now() - started });
  });

  const ensureBackend = async (onProgress: ProgressFn): Promise<EngineInfo> => {
    if (info) return info;
    onProgress('backend', 0, 'choosing a backend');
    return activate(await deps.selectBackend(null));
  };

  async function ensureModel(spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel> {
    await ensureBackend(onProgress);
    await gpu.recoverIfLost();
    return modelInLru(spec, onProgress);
  }

  /** The model from the LRU, or loaded into it; no GPU check (the recovery itself calls this). */
  function modelInLru(spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel> {
    return models.ensure(spec.key, async () => {
      onProgress('download', 0, `downloading ${spec.name}`);
      const { taught } = spec;
      if (taught) return loadTaughtModel(tf, spec, () => modelInLru(taught.base, onProgress));
      const progress = (fraction: number) => onProgress('download', fraction, `downloading ${spec.name}`);
      return deps.loadModel(spec, progress, (notice) => sink?.notice(notice));
    });
  }

  const markUsed = (key: string): void => void models.takeFresh(key);

  return {
    subscribe(next) {
      sink = next;
    },
    memory() {
      const { numTensors, numBytes } = tf.memory();
      const runtimes = runtimeMemory();
      return { numTensors, numBytes, ...(runtimes.length > 0 ? { runtimes } : {}) };
    },
    async injectFault(kind) {
      switch (kind) {
        case 'gpu-gone':
          gpu.markGone(tf.getBackend() as BackendName);
          loseGpu();
          return;
        case 'gpu-lost':
          loseGpu();
          return;
        case 'worker-crash':
          // As the browser ends a worker it kills: at once, no answer, no error event.
          (self as unknown as { close(): void }).close();
          return;
        case 'oom':
          oomArmed = true;
          return;
        default:
          assertNever(kind, 'fault');
      }
    },
    async init(backend, onProgress, measured) {
      const forced = backend !== null && measured === undefined;
      const wanted = backend === null || info?.backend === backend;
      if (info && wanted && forced === info.forced && !gpu.isGone(info.backend)) {
        // Already running it: only the explanation changes (now it was measured).
        if (measured !== undefined) info = { ...info, reason: measured };
        return info;
      }
      // A backend switch invalidates every model: weights live in the old backend's memory.
      models.clear();
      onProgress('backend', 0, backend ? `starting ${backend}` : 'choosing a backend');
      const choice = backend !== null && measured !== undefined ? { backend, reason: measured } : null;
      return activate(await deps.selectBackend(forced ? backend : null, choice));
    },
    async load(spec, onProgress) {
      return (await ensureModel(spec, onProgress)).info;
    },
    async classify(request, hooks) {
      const { model: spec } = request;
      const model = await ensureModel(spec, hooks.onProgress);
      markUsed(spec.key);
      // Each batch runs raced against a GPU loss; after a recovery it runs again on the reloaded model.
      const infer = (pixels: Parameters<typeof inferBatch>[2]) =>
        gpu.run(async () => {
          if (oomArmed && pixels.length > 1) throw new Error(INJECTED_OOM);
          return inferBatch(tf, await ensureModel(spec, hooks.onProgress), pixels);
        });
      try {
        const decode = deps.decoder({
          maxSide: decodeBoundFor(spec.inputSize),
          inputSize: spec.inputSize,
          ...(spec.centerCrop ? { centerCrop: spec.centerCrop } : {}),
          ...(request.corruption ? { corruption: request.corruption } : {}),
        });
        return await classifyImages(model, request, hooks, { infer, decode });
      } finally {
        oomArmed = false;
      }
    },
    async inspect(spec, onProgress) {
      const model = await ensureModel(spec, onProgress);
      // Fresh: nothing has run on it since its warm-up, so the check pass is its first inference.
      const fresh = models.takeFresh(spec.key);
      return gpu.run(async () => inspectModel(tf, await ensureModel(spec, onProgress), fresh && models.peek(spec.key) === model));
    },
    async compare(request, hooks) {
      return gpu.guard(() => compareModels(tf, (spec, onProgress) => ensureModel(spec, onProgress).finally(() => markUsed(spec.key)), request, hooks));
    },
    ...createEngineTasks({ ensureModel, ensureBackend, markUsed, dropModel: (key) => models.drop(key), gpu }),
  };
}
