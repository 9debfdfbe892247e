/**
 * The worker's one engine: the active backend, loaded models (a small LRU, disposed on evict)
 * and the classify pipeline. The handler drives it; tests drive the handler with a fake engine.
 */
import { tf } from './tfjs';
import { selectBackend } from './backend';
import { loadModel, type LoadedModel } from './models';
import { classifyImages, inferBatch, type ClassifyHooks, type ClassifyRequest, type ProgressFn } from './predict';
import { inspectModel } from '@/features/inspect/worker/inspect';
import { compareModels, type CompareHooks, type CompareRequest } from '@/features/compare/worker/compare';
import { runBenchmark, type BenchHooks } from '@/features/benchmark/worker/benchmark';
import { prepareBenchInput } from '@/features/benchmark/worker/benchInput';
import { loadPeer } from '@/features/benchmark/worker/peer';
import { loseGpu } from './gpuLoss';
import { createGpuSupervisor, recoverBackend } from './recovery';
import { assertNever } from '@/shared/assertNever';
import { canvasReader } from './preprocessJs';
import { timeModelOnBackends } from './backendTiming';
import { offThreadDecoder } from '@/engine/decode/decodeOffThread';
import { decodeBoundFor } from '@/shared/images/boundedSize';
import { createEngineTasks, type EngineTasks } from './engineTasks';
import { loadTaughtModel } from '@/features/teach/worker/taught';
import type {
  BackendName,
  BackendTiming,
  BenchmarkOptions,
  BenchmarkSummary,
  EngineInfo,
  FaultKind,
  MemorySnapshot,
  ModelInfo,
  ModelSpec,
  Notice,
} from '@/engine/shared/protocol';
import type { ModelReport } from '@/engine/shared/report';

export type { ProgressFn };

export interface BenchmarkHooks extends BenchHooks {
  onProgress: ProgressFn;
}

/** What the engine tells outside any one call's hooks: recoveries, and backend changes under a request. */
export interface EngineSink {
  notice(notice: Notice): void;
  engineChanged(info: EngineInfo): void;
}

/** The teach methods stay optional: an engine that cannot teach says so (handler.ts). */
export interface Engine extends Omit<EngineTasks, 'teachEmbed' | 'teachTrain'>, Partial<Pick<EngineTasks, 'teachEmbed' | 'teachTrain'>> {
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
  benchmark(spec: ModelSpec, options: BenchmarkOptions, hooks: BenchmarkHooks): Promise<BenchmarkSummary>;
  /** A few warm runs of the model on each available backend (the running one is restored after). */
  timeBackends?(spec: ModelSpec, onProgress: ProgressFn): Promise<BackendTiming[]>;
}

/** A macrotask turn (setTimeout), so messages such as cancel are delivered mid-benchmark. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Large models hold hundreds of MB of device memory; keep only the most recent few. */
const MAX_LOADED_MODELS = 2;

/** What the 'oom' fault throws: the message TF.js's WebGL backend gives when a texture cannot be allocated. */
const INJECTED_OOM = 'Failed to allocate texture: out of memory (injected by the oom fault)';

export function createTfEngine(): Engine {
  let info: EngineInfo | null = null;
  const models = new Map<string, LoadedModel>();
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
    const inUse = [...models.values()].at(-1)?.spec ?? null;
    for (const model of models.values()) {
      try {
        model.dispose();
      } catch {
        // its textures or buffers died with the GPU
      }
    }
    models.clear();
    const previous = info ?? (await selectBackend(null));
    const recovered = await recoverBackend(lost, previous, gone, started);
    activate(recovered.info);
    sink?.engineChanged(recovered.info);
    if (inUse) await modelInLru(inUse, () => undefined);
    sink?.notice({ ...recovered.notice, recoveryMs: performance.now() - started });
  });

  const disposeAll = (): void => {
    for (const model of models.values()) model.dispose();
    models.clear();
  };

  const ensureBackend = async (onProgress: ProgressFn): Promise<EngineInfo> => {
    if (info) return info;
    onProgress('backend', 0, 'choosing a backend');
    return activate(await selectBackend(null));
  };

  /** Keys of models loaded but not yet used by any request but their own load. */
  const unused = new Set<string>();
  async function ensureModel(spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel> {
    await ensureBackend(onProgress);
    await gpu.recoverIfLost();
    return modelInLru(spec, onProgress);
  }

  /** The model from the LRU, or loaded into it; no GPU check (the recovery itself calls this). */
  async function modelInLru(spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel> {
    const existing = models.get(spec.key);
    if (existing) {
      models.delete(spec.key); // re-insert: Map order is the LRU order
      models.set(spec.key, existing);
      return existing;
    }
    onProgress('download', 0, `downloading ${spec.name}`);
    const { taught } = spec;
    const loaded = taught
      ? await loadTaughtModel(tf, spec, () => modelInLru(taught.base, onProgress))
      : await loadModel(
          spec,
          (fraction) => onProgress('download', fraction, `downloading ${spec.name}`),
          (notice) => sink?.notice(notice),
        );
    models.set(spec.key, loaded);
    unused.add(spec.key);
    while (models.size > MAX_LOADED_MODELS) {
      const [oldestKey, oldest] = models.entries().next().value as [string, LoadedModel];
      oldest.dispose();
      models.delete(oldestKey);
    }
    return loaded;
  }

  return {
    subscribe(next) {
      sink = next;
    },
    memory() {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
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
      disposeAll();
      onProgress('backend', 0, backend ? `starting ${backend}` : 'choosing a backend');
      const choice = backend !== null && measured !== undefined ? { backend, reason: measured } : null;
      return activate(await selectBackend(forced ? backend : null, choice));
    },
    async load(spec, onProgress) {
      return (await ensureModel(spec, onProgress)).info;
    },
    async classify(request, hooks) {
      const { model: spec } = request;
      const model = await ensureModel(spec, hooks.onProgress);
      unused.delete(spec.key);
      // Each batch runs raced against a GPU loss; after a recovery it runs again on the reloaded model.
      const infer = (pixels: Parameters<typeof inferBatch>[2]) =>
        gpu.run(async () => {
          if (oomArmed && pixels.length > 1) throw new Error(INJECTED_OOM);
          return inferBatch(tf, await ensureModel(spec, hooks.onProgress), pixels);
        });
      try {
        return await classifyImages(model, request, hooks, {
          infer,
          decode: offThreadDecoder({ maxSide: decodeBoundFor(spec.inputSize), inputSize: spec.inputSize }),
        });
      } finally {
        oomArmed = false;
      }
    },
    async inspect(spec, onProgress) {
      const model = await ensureModel(spec, onProgress);
      // Fresh: nothing has run on it since its warm-up, so the check pass is its first inference.
      const fresh = unused.delete(spec.key);
      return gpu.run(async () => inspectModel(tf, await ensureModel(spec, onProgress), fresh && models.get(spec.key) === model));
    },
    async compare(request, hooks) {
      return gpu.guard(() => compareModels(tf, (spec, onProgress) => ensureModel(spec, onProgress).finally(() => unused.delete(spec.key)), request, hooks));
    },
    async timeBackends(spec, onProgress) {
      await ensureModel(spec, onProgress);
      onProgress('backend', 0, 'timing each backend');
      return gpu.guard(() => timeModelOnBackends(spec));
    },
    async benchmark(spec, options, hooks) {
      const started = performance.now();
      if (options.coldStart) {
        // Drop the loaded copy so this request measures loading (from Cache Storage or the network) and warm-up.
        models.get(spec.key)?.dispose();
        models.delete(spec.key);
      }
      const model = await ensureModel(spec, hooks.onProgress);
      unused.delete(spec.key);
      const input = await prepareBenchInput(options.input, spec.inputSize);
      try {
        const deps = { pixels: input.pixels, read: canvasReader(), loadPeer, yieldToEvents };
        const batches = await gpu.guard(() => runBenchmark(tf, model, options, deps, hooks));
        const ok = batches.filter((b) => b.status === 'ok').map((b) => b.batch);
        return {
          model: model.info,
          backend: tf.getBackend() as BackendName,
          inputNote: input.note,
          batches,
          largestOkBatch: ok.length > 0 ? Math.max(...ok) : null,
          totalMs: performance.now() - started,
        };
      } finally {
        input.close();
      }
    },
    ...createEngineTasks({ ensureModel, ensureBackend, markUsed: (key) => unused.delete(key), gpu }),
  };
}
