/**
 * The engine's one-model tasks beside the classify pipeline: explain a prediction, classify a
 * camera frame, teach (embed, train a head), benchmark a model and time it on each backend. Each
 * takes its model from the engine's LRU and runs guarded against a lost GPU, like classify; split
 * from engine.ts so the engine file keeps to the backend, the LRU and the core requests.
 */
import { tf } from './tfjs';
import type { LoadedModel } from './models';
import { inferBatch, type ProgressFn } from './predict';
import type { GpuSupervisor } from './recovery';
import { canvasReader } from './preprocessJs';
import { timeModelOnBackends } from './backendTiming';
import { runBenchmark, type BenchHooks } from '@/features/benchmark/worker/benchmark';
import { prepareBenchInput } from '@/features/benchmark/worker/benchInput';
import { loadPeer } from '@/features/benchmark/worker/peer';
import { explainImage, type ExplainJob } from '@/features/explain/worker/explain';
import { classifyFrame } from '@/features/live/worker/live';
import { embedImages, trainHead, type EmbedHooks, type TeachTrainHooks } from '@/features/teach/worker/teach';
import type { BackendName, EngineInfo, ModelSpec } from '@/engine/shared/types';
import type { BackendTiming } from '@/engine/shared/timeBackends';
import type { BenchmarkOptions, BenchmarkSummary } from '@/features/benchmark/shared/messages';
import type { Explanation } from '@/features/explain/shared/messages';
import type { LiveFrame, LiveResult } from '@/features/live/shared/messages';
import type { TeachEmbedRequest, TeachResult, TeachTrainRequest } from '@/features/teach/shared/teach';

export interface TaskDeps {
  /** The model from the LRU (loaded if need be), on a working backend. */
  ensureModel(spec: ModelSpec, onProgress: ProgressFn): Promise<LoadedModel>;
  ensureBackend(onProgress: ProgressFn): Promise<EngineInfo>;
  /** The model was used by a request other than its own load (inspect's first-inference check). */
  markUsed(key: string): void;
  /** Disposes the loaded copy of a model, if any (a cold-start benchmark measures the load). */
  dropModel(key: string): void;
  gpu: Pick<GpuSupervisor, 'run' | 'guard'>;
}

export interface BenchmarkHooks extends BenchHooks {
  onProgress: ProgressFn;
}

/** A macrotask turn (setTimeout), so messages such as cancel are delivered mid-benchmark. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface EngineTasks {
  /** A heatmap of where one class's evidence lies in one image (features/explain/worker/explain.ts). */
  explain(job: ExplainJob, onProgress: ProgressFn): Promise<Explanation>;
  /** One Live-view camera frame: top-k (features/live/worker/live.ts). */
  liveFrame(spec: ModelSpec, frame: LiveFrame, k: number, onProgress: ProgressFn): Promise<LiveResult>;
  /** Teach: embeddings of images from a base model (features/teach/worker/teach.ts). */
  teachEmbed(request: TeachEmbedRequest, hooks: EmbedHooks): Promise<{ count: number; failed: number; dim: number; at: string }>;
  /** Teach: a head on labelled embeddings, evaluated on the held-apart ones. */
  teachTrain(request: TeachTrainRequest, hooks: TeachTrainHooks): Promise<TeachResult>;
  benchmark(spec: ModelSpec, options: BenchmarkOptions, hooks: BenchmarkHooks): Promise<BenchmarkSummary>;
  /** A few warm runs of the model on each available backend (the running one is restored after). */
  timeBackends(spec: ModelSpec, onProgress: ProgressFn, members?: readonly ModelSpec[], only?: readonly BackendName[]): Promise<BackendTiming[]>;
}

export function createEngineTasks({ ensureModel, ensureBackend, markUsed, dropModel, gpu }: TaskDeps): EngineTasks {
  /** Loaded once for the task, then re-taken inside the guarded job: after a GPU recovery it is the reloaded model. */
  const withModel = async <T>(spec: ModelSpec, onProgress: ProgressFn, job: (model: LoadedModel) => Promise<T>): Promise<T> => {
    await ensureModel(spec, onProgress);
    markUsed(spec.key);
    return gpu.run(async () => job(await ensureModel(spec, onProgress)));
  };
  return {
    explain: (job, onProgress) => withModel(job.model, onProgress, (model) => explainImage(tf, model, job)),
    async liveFrame(spec, frame, k, onProgress) {
      const model = await ensureModel(spec, onProgress);
      markUsed(spec.key);
      // Only the forward pass is re-run after a recovery: the frame itself was consumed by the first try.
      const infer = (pixels: Parameters<typeof inferBatch>[2]) => gpu.run(async () => inferBatch(tf, await ensureModel(spec, onProgress), pixels));
      return classifyFrame(model, frame, k, { infer });
    },
    teachEmbed: (request, hooks) => withModel(request.base, hooks.onProgress, (model) => embedImages(tf, model, request, hooks)),
    async teachTrain(request, hooks) {
      await ensureBackend(hooks.onProgress);
      return gpu.guard(() => trainHead(tf, request, hooks));
    },
    async benchmark(spec, options, hooks) {
      const started = performance.now();
      // Drop the loaded copy so this request measures loading (from Cache Storage or the network) and warm-up.
      if (options.coldStart) dropModel(spec.key);
      const model = await ensureModel(spec, hooks.onProgress);
      markUsed(spec.key);
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
    async timeBackends(spec, onProgress, members = [], only) {
      await ensureModel(spec, onProgress);
      onProgress('backend', 0, members.length > 0 ? 'timing each backend and runtime' : 'timing each backend');
      return gpu.guard(() => timeModelOnBackends(spec, members, undefined, only));
    },
  };
}
