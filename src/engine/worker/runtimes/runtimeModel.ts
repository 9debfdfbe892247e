/**
 * An ONNX or TFLite model as the engine's LoadedModel: its bytes come through the same verifying,
 * retrying cache as TF.js models (modelFetch.ts, modelAttempts.ts), the runtime opens them
 * (runtime.ts), and `forward` takes the same preprocessed NHWC batch TF.js models take, lays it out
 * (NCHW where the model wants it), converts it to the model's dtype, runs it (image by image for a
 * fixed batch of 1) and hands back probabilities as a TF.js tensor, so everything above is unchanged.
 */
import { sessionOpened } from './runtimeMemory';
import { tf } from '@/engine/worker/tfjs';
import { defaultFetchDeps, type FetchDeps, type ModelFetcher } from '@/engine/worker/modelFetch';
import { openWithRecovery } from '@/engine/worker/modelAttempts';
import { describeLoadError, FileFetchError } from '@/engine/worker/loadErrors';
import { fetchLabels } from '@/engine/worker/labels';
import type { LoadedModel } from '@/engine/worker/models';
import { readInputLayout, toFloat16Array, type InputLayout } from '@/shared/models/tensorLayout';
import { LumenError } from '@/shared/errors';
import { assertNever } from '@/shared/assertNever';
import type { ModelInfo, ModelSpec, Notice, RuntimeName, TensorSignature } from '@/engine/shared/types';
import type { InferenceRuntime, OpenOptions, RuntimeBatch, RuntimeSession } from './runtime';
import type { SpecDtype } from '@/shared/models/preprocessSpec';

async function modelBytes(spec: ModelSpec, fetcher: ModelFetcher): Promise<Uint8Array> {
  const dropped = spec.files?.[0];
  if (dropped) return new Uint8Array(await dropped.arrayBuffer());
  const response = await fetcher.fetch(spec.modelUrl);
  if (!response.ok) throw new FileFetchError(spec.modelUrl, response.status, '');
  return new Uint8Array(await response.arrayBuffer());
}

/** Preprocessed floats → the model's input dtype. Quantized inputs use the tensor's own scale and zero point. */
export function toInputDtype(values: Float32Array, dtype: SpecDtype, input: TensorSignature | undefined): RuntimeBatch['data'] {
  switch (dtype) {
    case 'float32':
      return values;
    case 'float16':
      return toFloat16Array(values);
    case 'uint8':
    case 'int8': {
      const { scale, zeroPoint } = input?.quantization ?? { scale: 1, zeroPoint: 0 };
      const [low, high] = dtype === 'uint8' ? [0, 255] : [-128, 127];
      const out = dtype === 'uint8' ? new Uint8Array(values.length) : new Int8Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = Math.min(high, Math.max(low, Math.round((values[i] ?? 0) / scale + zeroPoint)));
      return out;
    }
    default:
      return assertNever(dtype, 'input dtype');
  }
}

/** The model's input layout from its signature, checked against the spec (RGB, the input size). */
export function layoutOf(spec: ModelSpec, session: RuntimeSession): InputLayout {
  const shape = session.inputs[0]?.shape ?? [];
  let layout: InputLayout;
  try {
    layout = readInputLayout(shape);
  } catch (error) {
    throw new LumenError('model-invalid', `${spec.name} is not an image classifier: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (layout.channels !== 3) throw new LumenError('model-invalid', `${spec.name} takes ${layout.channels}-channel images; Lumen feeds RGB (3 channels).`);
  const [h, w] = spec.inputSize;
  if ((layout.height !== null && layout.height !== h) || (layout.width !== null && layout.width !== w)) {
    throw new LumenError(
      'model-invalid',
      `${spec.name} takes ${layout.height ?? 'any'}×${layout.width ?? 'any'} images, but the input size is set to ${h}×${w}.`,
    );
  }
  return layout;
}

/**
 * Preprocessed floats of `n` images, already in the model's layout → the runtime calls that run
 * them: one batch, or one call per image where the batch is fixed at 1.
 */
export function runtimeBatches(session: RuntimeSession, layout: InputLayout, inputSize: readonly [number, number]) {
  const [h, w] = inputSize;
  const dimsFor = (n: number): number[] => {
    const image = layout.layout === 'nchw' ? [3, h, w] : [h, w, 3];
    return layout.hasBatchDim ? [n, ...image] : image;
  };
  return (values: Float32Array, n: number): RuntimeBatch[] => {
    const data = toInputDtype(values, session.inputDtype, session.inputs[0]);
    if (!layout.imageByImage || n === 1) return [{ data, dims: dimsFor(n) }];
    const per = values.length / n;
    return Array.from({ length: n }, (_, i) => ({ data: data.subarray(i * per, (i + 1) * per), dims: dimsFor(1) }));
  };
}

/** The runner: the batches run one after another, their scores joined in order. */
function makeRun(session: RuntimeSession, layout: InputLayout, spec: ModelSpec) {
  const batches = runtimeBatches(session, layout, spec.inputSize);
  return async (values: Float32Array, n: number): Promise<Float32Array> => {
    const rows: Float32Array[] = [];
    for (const batch of batches(values, n)) rows.push((await session.run(batch)).values);
    if (rows.length === 1 && rows[0]) return rows[0];
    const out = new Float32Array(rows.reduce((sum, r) => sum + r.length, 0));
    let at = 0;
    for (const row of rows) {
      out.set(row, at);
      at += row.length;
    }
    return out;
  };
}

export interface RuntimeLoadOptions {
  runtime: InferenceRuntime;
  backend: OpenOptions['backend'];
  onProgress: (fraction: number) => void;
  onNotice?: (notice: Notice) => void;
  deps?: FetchDeps;
}

export async function loadRuntimeModel(spec: ModelSpec, options: RuntimeLoadOptions): Promise<LoadedModel> {
  const { runtime, backend } = options;
  const started = performance.now();
  let opened: Awaited<ReturnType<typeof openWithRecovery<{ session: RuntimeSession; labels: string[] }>>>;
  try {
    opened = await openWithRecovery(
      spec,
      async (fetcher) => {
        const bytes = await modelBytes(spec, fetcher);
        options.onProgress(1);
        const labels = await fetchLabels(spec, (input: RequestInfo | URL, init?: RequestInit) => fetcher.fetch(input, init));
        return { session: await runtime.open(bytes, { backend, name: spec.name }), labels };
      },
      options.onNotice ?? (() => undefined),
      options.deps ?? defaultFetchDeps(),
    );
  } catch (error) {
    throw describeLoadError(spec, error);
  }
  const { session, labels } = opened.value;
  const closed = sessionOpened(session.runtime, session.fileBytes);
  const dispose = async (): Promise<void> => {
    closed();
    await session.dispose();
  };
  try {
    const layout = layoutOf(spec, session);
    const run = makeRun(session, layout, spec);
    const loadMs = performance.now() - started;
    const forward = async (batch: tf.Tensor4D): Promise<tf.Tensor2D> => {
      const n = batch.shape[0];
      const laidOut = layout.layout === 'nchw' ? tf.transpose(batch, [0, 3, 1, 2]) : batch;
      let values: Float32Array;
      try {
        values = (await laidOut.data()) as Float32Array;
      } finally {
        if (laidOut !== batch) laidOut.dispose();
      }
      const scores = await run(values, n);
      return tf.tidy(() => {
        const rows = tf.tensor2d(scores, [n, scores.length / n]);
        return spec.output === 'logits' ? tf.softmax(rows) : rows;
      });
    };
    const warmStart = performance.now();
    const [h, w] = spec.inputSize;
    const classes = (await run(new Float32Array(h * w * 3), 1)).length;
    if (classes !== spec.classes) {
      throw new LumenError('model-invalid', `${spec.name}: the model outputs ${classes} values per image, but ${spec.classes} classes were expected.`);
    }
    const info: ModelInfo = {
      key: spec.key,
      backend: backend,
      loadMs,
      warmupMs: performance.now() - warmStart,
      inputShape: (session.inputs[0]?.shape ?? []).map((d) => (typeof d === 'number' ? d : null)),
      outputShape: [null, classes],
      parameters: session.graph?.parameters ?? 0,
      weightBytes: session.fileBytes,
      fromCache: opened.fetcher.hits.has(spec.modelUrl),
      cacheProblem: opened.fetcher.cacheProblem,
      runtime: session.runtime,
      runtimeBackend: session.backend,
      threads: session.threads,
      threadChoice: session.threadChoice,
      signature: { inputs: session.inputs, outputs: session.outputs, layout: layout.layout, imageByImage: layout.imageByImage },
    };
    return {
      spec,
      labels,
      info,
      runtime: session.runtime satisfies RuntimeName,
      model: null,
      session,
      topology: null,
      forward,
      dispose: () => void dispose(),
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
