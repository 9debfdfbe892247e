/**
 * Loading graph and layers models, with download progress, labels and a warm-up pass that
 * uploads weights and compiles kernels so the first real inference is not the slow one. Files come
 * through the verifying, retrying fetcher (modelFetch.ts); a corrupt cached copy is evicted and
 * downloaded once more (modelAttempts.ts).
 */
import { tf, wasmThreadsInUse } from './tfjs';
import { makeForward, type AnyModel } from './forward';
import { defaultFetchDeps, type FetchDeps, type ModelFetcher } from './modelFetch';
import { openWithRecovery, type Opened } from './modelAttempts';
import { describeLoadError, FileFetchError } from './loadErrors';
import { readBack } from './readBack';
import { fetchLabels } from './labels';
import { LumenError } from '@/shared/errors';
import { MIN_CLASSES } from '@/shared/models/catalog';
import type { ModelInfo, ModelSpec, Notice, RuntimeName } from '@/engine/shared/types';
import type { RuntimeSession } from './runtimes/runtime';

export { makeForward, type AnyModel };

export interface LoadedModel {
  spec: ModelSpec;
  labels: string[];
  info: ModelInfo;
  runtime: RuntimeName;
  /**
   * The TF.js model itself: the inspector reads it, the benchmark calls it bare and per forward
   * method, Grad-CAM and teaching differentiate through it. Null on the other runtimes.
   */
  model: AnyModel | null;
  /** The ONNX Runtime or LiteRT session (runtimes/runtime.ts); absent on TF.js. */
  session?: RuntimeSession;
  /** model.json's modelTopology (TF.js keeps its own copy private); graph ops are read from it. */
  topology: unknown;
  /** Forward pass to probabilities [N, classes]; the caller disposes the result. */
  forward(batch: tf.Tensor4D): Promise<tf.Tensor2D>;
  dispose(): void;
}

function shapeOf(model: AnyModel, which: 'inputs' | 'outputs'): (number | null)[] {
  const first = model[which][0];
  return (first?.shape ?? []).map((d) => (d === -1 || d === null || d === undefined ? null : d));
}

function countWeights(model: AnyModel): { parameters: number; weightBytes: number } {
  const tensors = model instanceof tf.GraphModel ? Object.values(model.weights).flat() : model.weights.map((w) => w.read());
  let parameters = 0;
  let weightBytes = 0;
  for (const t of tensors) {
    parameters += t.size;
    weightBytes += t.size * (t.dtype === 'float32' || t.dtype === 'int32' ? 4 : 1);
  }
  return { parameters, weightBytes };
}

const weightPathCount = (json: unknown): number => {
  const groups = typeof json === 'object' && json !== null && 'weightsManifest' in json && Array.isArray(json.weightsManifest) ? json.weightsManifest : [];
  return groups.reduce(
    (sum: number, g: unknown) => sum + (typeof g === 'object' && g !== null && 'paths' in g && Array.isArray(g.paths) ? g.paths.length : 0),
    0,
  );
};

/**
 * Download progress, shards done / shards listed. Counted here rather than by tf.io.http's own
 * onProgress, whose monitor leaves an unhandled rejection behind whenever a shard fails.
 */
function withProgress(modelUrl: string, fetchFunc: typeof fetch, onProgress: (fraction: number) => void): typeof fetch {
  let total = 0;
  let done = 0;
  return async (input, init) => {
    const response = await fetchFunc(input, init);
    if ((input instanceof Request ? input.url : String(input)) === modelUrl) {
      total = weightPathCount(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
    } else if (total > 0) {
      done += 1;
      onProgress(Math.min(1, done / total));
    }
    return response;
  };
}

/** Where the artifacts come from (a URL through the cache, or dropped files), keeping the topology. */
function openModel(spec: ModelSpec, fetchFunc: typeof fetch, onProgress: (fraction: number) => void) {
  const source: tf.io.IOHandler = spec.files
    ? tf.io.browserFiles(spec.files)
    : tf.io.http(spec.modelUrl, { fetchFunc: withProgress(spec.modelUrl, fetchFunc, onProgress) });
  let topology: unknown = null;
  const handler: tf.io.IOHandler = {
    load: async () => {
      if (!source.load) throw new Error('this model source cannot load');
      const artifacts = await source.load();
      topology = artifacts.modelTopology ?? null;
      return artifacts;
    },
  };
  return { handler, topology: () => topology };
}

/** Refuses what cannot be an image classifier before a confusing failure deep inside TF.js. */
function checkInput(spec: ModelSpec, model: AnyModel): void {
  const shape = shapeOf(model, 'inputs');
  if (shape.length === 0) return; // a graph that does not state its input shape: the warm-up pass will tell
  const shown = `[${shape.map((d) => d ?? 'N').join(', ')}]`;
  if (shape.length !== 4 || (shape[3] !== null && shape[3] !== 3)) {
    throw new LumenError(
      'model-invalid',
      `${spec.name} is not an image classifier: its input is ${shown}, but an image classifier takes [N, height, width, 3].`,
    );
  }
  const [, h, w] = shape;
  if ((h !== null && h !== spec.inputSize[0]) || (w !== null && w !== spec.inputSize[1])) {
    throw new LumenError(
      'model-invalid',
      `${spec.name} takes ${h ?? 'any'}×${w ?? 'any'} images (input ${shown}), but the input size is set to ${spec.inputSize[0]}×${spec.inputSize[1]}.`,
    );
  }
}

/** TF.js reads an HTTP error page as if it were the file; refuse it, naming the file. */
function strictFetch(fetcher: ModelFetcher): typeof fetch {
  return async (input, init) => {
    const response = await fetcher.fetch(input, init);
    if (!response.ok) throw new FileFetchError(input instanceof Request ? input.url : String(input), response.status, '');
    return response;
  };
}

/** Model and labels through one fetcher: both are part of what a corrupt cached copy may spoil. */
async function openAll(spec: ModelSpec, fetcher: ModelFetcher, onProgress: (fraction: number) => void) {
  const source = openModel(spec, strictFetch(fetcher), onProgress);
  const model = spec.format === 'graph' ? await tf.loadGraphModel(source.handler) : await tf.loadLayersModel(source.handler);
  try {
    return { model, topology: source.topology(), labels: await fetchLabels(spec, (input, init) => fetcher.fetch(input, init)) };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/**
 * Loads, checks and warms up a model. Notices (a download retried, a corrupt cached copy evicted,
 * files that could not be kept for offline use) go to `onNotice` as they happen; `deps` lets tests
 * replace the network, Cache Storage and the retry delays.
 */
export async function loadModel(
  spec: ModelSpec,
  onProgress: (fraction: number) => void,
  onNotice: (notice: Notice) => void = () => undefined,
  deps: FetchDeps = defaultFetchDeps(),
): Promise<LoadedModel> {
  const started = performance.now();
  let opened: Opened<Awaited<ReturnType<typeof openAll>>>;
  try {
    opened = await openWithRecovery(spec, (fetcher) => openAll(spec, fetcher, onProgress), onNotice, deps);
  } catch (error) {
    throw describeLoadError(spec, error);
  }
  const { model, topology, labels } = opened.value;
  try {
    checkInput(spec, model);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const loadMs = performance.now() - started;
  const forward = makeForward(model, spec);

  // Warm-up: one pass on zeros uploads weights to the device and compiles every kernel. (A
  // compile-only pass first, precompile.ts, made warm-up slower here on SwiftShader: not called.)
  const warmStart = performance.now();
  const zeros = tf.zeros([1, spec.inputSize[0], spec.inputSize[1], 3]) as tf.Tensor4D;
  try {
    const [, classes] = (await readBack(await forward(zeros))).shape;
    if (classes === undefined || classes < MIN_CLASSES) {
      throw new LumenError('model-invalid', `${spec.name} is not an image classifier: its output is [N, ${classes}], not one score per class.`);
    }
    if (classes !== spec.classes) {
      throw new LumenError('model-invalid', `${spec.name}: the model outputs ${classes} values per image, but ${spec.classes} classes were expected`);
    }
  } catch (error) {
    model.dispose();
    throw error instanceof LumenError ? error : describeLoadError(spec, error);
  } finally {
    zeros.dispose();
  }
  const info: ModelInfo = {
    key: spec.key,
    backend: tf.getBackend() as ModelInfo['backend'],
    loadMs,
    warmupMs: performance.now() - warmStart,
    inputShape: shapeOf(model, 'inputs'),
    // Old graph converters leave output shapes unknown; the warm-up pass measured the class count.
    outputShape: shapeOf(model, 'outputs').length > 0 ? shapeOf(model, 'outputs') : [null, spec.classes],
    ...countWeights(model),
    fromCache: opened.fetcher.hits.has(spec.modelUrl),
    cacheProblem: opened.fetcher.cacheProblem,
    runtime: 'tfjs',
    runtimeBackend: tf.getBackend(),
    threads: wasmThreadsInUse(),
  };
  return { spec, labels, info, runtime: 'tfjs', model, topology, forward, dispose: () => model.dispose() };
}
