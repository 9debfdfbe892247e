/**
 * Loading graph and layers models, with download progress, labels and a warm-up pass that
 * uploads weights and compiles kernels so the first real inference is not the slow one.
 */
import { tf } from './tfjs';
import { makeCachedFetch } from './modelCache';
import { normalizeLabels, parseLabelsText } from '../lib/topk';
import { isCustomId } from '../lib/customSpec';
import { LumenError } from '../shared/errors';
import { assertNever } from '../shared/assertNever';
import type { ForwardMethod, ModelInfo, ModelSpec } from '../shared/protocol';

export type AnyModel = tf.GraphModel | tf.LayersModel;

export interface LoadedModel {
  spec: ModelSpec;
  labels: string[];
  info: ModelInfo;
  /** The TF.js model itself: the inspector reads it, the benchmark calls it bare and per forward method. */
  model: AnyModel;
  /** model.json's modelTopology (TF.js keeps its own copy private); graph ops are read from it. */
  topology: unknown;
  /** Forward pass to probabilities [N, classes]; the caller disposes the result. */
  forward(batch: tf.Tensor4D): Promise<tf.Tensor2D>;
  dispose(): void;
}

/**
 * A model file that could not be had: an HTTP error (TF.js would read a 404 page's body as weights
 * otherwise) or a failed request. Carries the URL so the message can name the file.
 */
class FileFetchError extends Error {
  constructor(readonly url: string, readonly status: number | null, reason: string) {
    super(status === null ? reason : `${url} answered HTTP ${status}`);
  }
}

function describeLoadError(spec: ModelSpec, error: unknown): LumenError {
  if (error instanceof LumenError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const fileName = (url: string): string => url.split('?')[0]?.split('/').at(-1) ?? url;
  if (error instanceof FileFetchError && error.status === null) {
    return new LumenError('network', `${spec.name}: could not download ${error.url} (${message}). Check the address, your connection, or the server's CORS headers.`);
  }
  if (error instanceof FileFetchError && error.url !== spec.modelUrl) {
    return new LumenError('model-not-found', `${spec.name}: missing shard ${fileName(error.url)} (${error.message}).`);
  }
  const missingDropped = /Weight file with basename '([^']+)' is not provided/.exec(message);
  if (missingDropped) {
    return new LumenError('model-not-found', `${spec.name}: missing shard ${missingDropped[1]}: drop it together with model.json.`);
  }
  if (error instanceof FileFetchError || /404|Not Found/i.test(message)) {
    const hint = isCustomId(spec.id) ? 'Check the address.' : 'Run `npm run models` to fetch them.';
    return new LumenError('model-not-found', `${spec.name}: model files not found at ${spec.modelUrl}. ${hint}`);
  }
  if (/Failed to fetch|NetworkError|CORS/i.test(message)) {
    return new LumenError('network', `${spec.name}: could not download ${spec.modelUrl} (${message}). Check the address, your connection, or the server's CORS headers.`);
  }
  return new LumenError('model-load-failed', `${spec.name}: failed to load (${message})`, { cause: error });
}

/** Labels text (JSON array or index → name object, or one name a line) → one name per output. */
function labelsFromText(spec: ModelSpec, text: string, source: string): string[] {
  try {
    return normalizeLabels(parseLabelsText(text), spec.classes);
  } catch (error) {
    throw new LumenError('model-invalid', `${spec.name}: ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function fetchLabels(spec: ModelSpec, fetchFn: typeof fetch): Promise<string[]> {
  if (spec.labelsFile) return labelsFromText(spec, await spec.labelsFile.text(), spec.labelsFile.name);
  if (!spec.labelsUrl) {
    return Array.from({ length: spec.classes }, (_, i) => (spec.classes === 1001 && i === 0 ? 'background' : `class ${i}`));
  }
  const response = await fetchFn(spec.labelsUrl);
  if (!response.ok) throw new LumenError('model-not-found', `${spec.name}: labels file ${spec.labelsUrl} answered HTTP ${response.status}`);
  return labelsFromText(spec, await response.text(), spec.labelsUrl);
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

type ModelOutput = tf.Tensor | tf.Tensor[] | tf.NamedTensorMap;

/**
 * The forward pass to probabilities, by `method`: 'auto' is what classify uses (execute, falling
 * back for good to executeAsync when the graph has control flow); the others pin one TF.js call so
 * the benchmark can compare them. Layers models offer predict() and execute(), graphs all three.
 */
export function makeForward(model: AnyModel, spec: ModelSpec, method: ForwardMethod = 'auto'): (batch: tf.Tensor4D) => Promise<tf.Tensor2D> {
  const toProbabilities = (raw: tf.Tensor): tf.Tensor2D => {
    const flat = raw.reshape([raw.shape[0] ?? 1, -1]) as tf.Tensor2D;
    return spec.output === 'logits' ? tf.softmax(flat) : flat;
  };
  const first = (out: ModelOutput): tf.Tensor => {
    const t = out instanceof tf.Tensor ? out : Array.isArray(out) ? out[0] : Object.values(out)[0];
    if (!t) throw new LumenError('model-invalid', `${spec.name}: the model produced no output tensor`);
    return t;
  };
  if (model instanceof tf.GraphModel) {
    const viaAsync = async (batch: tf.Tensor4D): Promise<tf.Tensor2D> => {
      const out = await model.executeAsync(batch);
      try {
        return tf.tidy(() => toProbabilities(first(out)));
      } finally {
        tf.dispose(out);
      }
    };
    switch (method) {
      case 'auto': {
        let needsAsync = false;
        return async (batch) => {
          if (!needsAsync) {
            try {
              return tf.tidy(() => toProbabilities(first(model.execute(batch))));
            } catch (error) {
              // Graphs with control flow or dynamic shapes refuse execute(); fall back for good.
              if (!(error instanceof Error) || !/executeAsync/.test(error.message)) throw error;
              needsAsync = true;
            }
          }
          return viaAsync(batch);
        };
      }
      case 'execute':
        return async (batch) => tf.tidy(() => toProbabilities(first(model.execute(batch))));
      case 'predict':
        return async (batch) => tf.tidy(() => toProbabilities(first(model.predict(batch))));
      case 'executeAsync':
        return viaAsync;
      default:
        return assertNever(method, 'forward method');
    }
  }
  switch (method) {
    case 'auto':
    case 'predict':
      return async (batch) => tf.tidy(() => toProbabilities(first(model.predict(batch))));
    case 'execute': {
      // LayersModel.execute runs the graph without predict()'s batching loop; it wants output names.
      const names = model.outputs.map((o) => o.name);
      return async (batch) => tf.tidy(() => toProbabilities(first(model.execute(batch, names))));
    }
    case 'executeAsync':
      throw new LumenError('bad-request', `${spec.name} is a layers model: it has predict() and execute(), not executeAsync()`);
    default:
      return assertNever(method, 'forward method');
  }
}

/** Where the artifacts come from (a URL through the cache, or dropped files), keeping the topology. */
function openModel(spec: ModelSpec, fetchFunc: typeof fetch, onProgress: (fraction: number) => void) {
  const source: tf.io.IOHandler = spec.files ? tf.io.browserFiles(spec.files) : tf.io.http(spec.modelUrl, { fetchFunc, onProgress });
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
    throw new LumenError('model-invalid', `${spec.name} is not an image classifier: its input is ${shown}, but an image classifier takes [N, height, width, 3].`);
  }
  const [, h, w] = shape;
  if ((h !== null && h !== spec.inputSize[0]) || (w !== null && w !== spec.inputSize[1])) {
    throw new LumenError('model-invalid', `${spec.name} takes ${h ?? 'any'}×${w ?? 'any'} images (input ${shown}), but the input size is set to ${spec.inputSize[0]}×${spec.inputSize[1]}.`);
  }
}

export async function loadModel(spec: ModelSpec, onProgress: (fraction: number) => void): Promise<LoadedModel> {
  const cached = makeCachedFetch();
  const strictFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    let response: Response;
    try {
      response = await cached.fetch(input, init);
    } catch (error) {
      throw new FileFetchError(url, null, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw new FileFetchError(url, response.status, '');
    return response;
  };
  const started = performance.now();
  const source = openModel(spec, strictFetch, onProgress);
  let model: AnyModel;
  try {
    model = spec.format === 'graph' ? await tf.loadGraphModel(source.handler) : await tf.loadLayersModel(source.handler);
  } catch (error) {
    throw describeLoadError(spec, error);
  }
  try {
    checkInput(spec, model);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const labels = await fetchLabels(spec, cached.fetch).catch((error: unknown) => {
    model.dispose();
    throw error;
  });
  const loadMs = performance.now() - started;
  const forward = makeForward(model, spec);

  // Warm-up: one pass on zeros uploads weights to the device and compiles every kernel.
  const warmStart = performance.now();
  const zeros = tf.zeros([1, spec.inputSize[0], spec.inputSize[1], 3]) as tf.Tensor4D;
  try {
    const out = await forward(zeros);
    const classes = out.shape[1];
    await out.data();
    out.dispose();
    if (classes !== 1000 && classes !== 1001) {
      throw new LumenError('model-invalid', `${spec.name} is not an image classifier: its output is [N, ${classes}], but an ImageNet classifier outputs [N, 1000] or [N, 1001].`);
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
    fromCache: cached.hits.has(spec.modelUrl),
    cacheProblem: null,
  };
  return { spec, labels, info, model, topology: source.topology(), forward, dispose: () => model.dispose() };
}
