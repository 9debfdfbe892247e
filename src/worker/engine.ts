/**
 * The worker's one engine: the active backend, loaded models (a small LRU, disposed on evict)
 * and the classify pipeline. The handler drives it; tests drive the handler with a fake engine.
 */
import { tf } from './tfjs';
import { selectBackend } from './backend';
import { loadModel, type LoadedModel } from './models';
import { classifyImages, type ClassifyHooks, type ClassifyRequest, type ProgressFn } from './predict';
import { inspectModel } from './inspect';
import { compareModels, type CompareHooks, type CompareRequest } from './compare';
import { runBenchmark, type BenchHooks } from './benchmark';
import { prepareBenchInput } from './benchInput';
import { loadPeer } from './peer';
import { canvasReader } from './preprocessJs';
import type { BackendName, BenchmarkOptions, BenchmarkSummary, EngineInfo, ModelInfo, ModelSpec } from '../shared/protocol';
import type { ModelReport } from '../shared/report';

export type { ProgressFn };

export interface BenchmarkHooks extends BenchHooks {
  onProgress: ProgressFn;
}

export interface Engine {
  init(backend: BackendName | null, onProgress: ProgressFn): Promise<EngineInfo>;
  load(spec: ModelSpec, onProgress: ProgressFn): Promise<ModelInfo>;
  classify(request: ClassifyRequest, hooks: ClassifyHooks): Promise<{ count: number; failed: number }>;
  inspect(spec: ModelSpec, onProgress: ProgressFn): Promise<ModelReport>;
  compare(request: CompareRequest, hooks: CompareHooks): Promise<{ count: number; failed: number }>;
  benchmark(spec: ModelSpec, options: BenchmarkOptions, hooks: BenchmarkHooks): Promise<BenchmarkSummary>;
}

/** A macrotask turn (setTimeout), so messages such as cancel are delivered mid-benchmark. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Large models hold hundreds of MB of device memory; keep only the most recent few. */
const MAX_LOADED_MODELS = 2;

export function createTfEngine(): Engine {
  let info: EngineInfo | null = null;
  const models = new Map<string, LoadedModel>();

  const disposeAll = (): void => {
    for (const model of models.values()) model.dispose();
    models.clear();
  };

  const ensureBackend = async (onProgress: ProgressFn): Promise<EngineInfo> => {
    if (info) return info;
    onProgress('backend', 0, 'choosing a backend');
    info = await selectBackend(null);
    return info;
  };

  /** Keys of models loaded but not yet used by any request but their own load. */
  const unused = new Set<string>();
  const ensureModel = async (spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel> => {
    await ensureBackend(onProgress);
    const existing = models.get(spec.key);
    if (existing) {
      models.delete(spec.key); // re-insert: Map order is the LRU order
      models.set(spec.key, existing);
      return existing;
    }
    onProgress('download', 0, `downloading ${spec.name}`);
    const loaded = await loadModel(spec, (fraction) => onProgress('download', fraction, `downloading ${spec.name}`));
    models.set(spec.key, loaded);
    unused.add(spec.key);
    while (models.size > MAX_LOADED_MODELS) {
      const [oldestKey, oldest] = models.entries().next().value as [string, LoadedModel];
      oldest.dispose();
      models.delete(oldestKey);
    }
    return loaded;
  };

  return {
    async init(backend, onProgress) {
      if (info && (backend === null || info.backend === backend) && (backend !== null) === info.forced) return info;
      // A backend switch invalidates every model: weights live in the old backend's memory.
      disposeAll();
      onProgress('backend', 0, backend ? `starting ${backend}` : 'choosing a backend');
      info = await selectBackend(backend);
      return info;
    },
    async load(spec, onProgress) {
      return (await ensureModel(spec, onProgress)).info;
    },
    async classify(request, hooks) {
      const model = await ensureModel(request.model, hooks.onProgress);
      unused.delete(request.model.key);
      return classifyImages(tf, model, request, hooks);
    },
    async inspect(spec, onProgress) {
      const model = await ensureModel(spec, onProgress);
      // Fresh: nothing has run on it since its warm-up, so the check pass is its first inference.
      const fresh = unused.delete(spec.key);
      return inspectModel(tf, model, fresh);
    },
    async compare(request, hooks) {
      return compareModels(tf, (spec, onProgress) => ensureModel(spec, onProgress).finally(() => unused.delete(spec.key)), request, hooks);
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
        const batches = await runBenchmark(tf, model, options, deps, hooks);
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
  };
}
