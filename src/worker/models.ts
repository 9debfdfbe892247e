/**
 * Loading graph and layers models, with download progress, labels and a warm-up pass that
 * uploads weights and compiles kernels so the first real inference is not the slow one.
 */
import { tf } from './tfjs';
import { makeCachedFetch } from './modelCache';
import { normalizeLabels, parseLabelsText } from '../lib/topk';
import { LumenError } from '../shared/errors';
import type { ModelInfo, ModelSpec } from '../shared/protocol';

type AnyModel = tf.GraphModel | tf.LayersModel;

export interface LoadedModel {
  spec: ModelSpec;
  labels: string[];
  info: ModelInfo;
  /** Forward pass to probabilities [N, classes]; the caller disposes the result. */
  forward(batch: tf.Tensor4D): Promise<tf.Tensor2D>;
  dispose(): void;
}

function describeLoadError(spec: ModelSpec, error: unknown): LumenError {
  const message = error instanceof Error ? error.message : String(error);
  if (/404|Not Found/i.test(message)) {
    return new LumenError('model-not-found', `${spec.name}: model files not found at ${spec.modelUrl}. Run \`npm run models\` to fetch them.`);
  }
  if (/Failed to fetch|NetworkError|CORS/i.test(message)) {
    return new LumenError('network', `${spec.name}: could not download ${spec.modelUrl} (${message}). Check the address, your connection, or the server's CORS headers.`);
  }
  return new LumenError('model-load-failed', `${spec.name}: failed to load (${message})`, { cause: error });
}

async function fetchLabels(spec: ModelSpec, fetchFn: typeof fetch): Promise<string[]> {
  if (!spec.labelsUrl) {
    return Array.from({ length: spec.classes }, (_, i) => (spec.classes === 1001 && i === 0 ? 'background' : `class ${i}`));
  }
  const response = await fetchFn(spec.labelsUrl);
  if (!response.ok) throw new LumenError('model-not-found', `${spec.name}: labels file ${spec.labelsUrl} answered HTTP ${response.status}`);
  try {
    return normalizeLabels(parseLabelsText(await response.text()), spec.classes);
  } catch (error) {
    throw new LumenError('model-invalid', `${spec.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
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

export function makeForward(model: AnyModel, spec: ModelSpec): (batch: tf.Tensor4D) => Promise<tf.Tensor2D> {
  const toProbabilities = (raw: tf.Tensor): tf.Tensor2D => {
    const flat = raw.reshape([raw.shape[0] ?? 1, -1]) as tf.Tensor2D;
    return spec.output === 'logits' ? tf.softmax(flat) : flat;
  };
  const first = (out: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap): tf.Tensor => {
    const t = out instanceof tf.Tensor ? out : Array.isArray(out) ? out[0] : Object.values(out)[0];
    if (!t) throw new LumenError('model-invalid', `${spec.name}: the model produced no output tensor`);
    return t;
  };
  if (model instanceof tf.GraphModel) {
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
      const raw = first(await model.executeAsync(batch));
      const probabilities = tf.tidy(() => toProbabilities(raw));
      raw.dispose();
      return probabilities;
    };
  }
  return async (batch) => tf.tidy(() => toProbabilities(first(model.predict(batch))));
}

export async function loadModel(spec: ModelSpec, onProgress: (fraction: number) => void): Promise<LoadedModel> {
  const cached = makeCachedFetch();
  const started = performance.now();
  let model: AnyModel;
  try {
    const options = { fetchFunc: cached.fetch, onProgress };
    model = spec.format === 'graph' ? await tf.loadGraphModel(spec.modelUrl, options) : await tf.loadLayersModel(spec.modelUrl, options);
  } catch (error) {
    throw describeLoadError(spec, error);
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
  };
  return { spec, labels, info, forward, dispose: () => model.dispose() };
}
