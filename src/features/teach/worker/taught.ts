/**
 * A taught model as the engine runs it: the base model's embedding, then the head. It has the
 * shape of any loaded model (forward to probabilities, labels, info), so classify, compare,
 * benchmark and explain (occlusion: the head has no feature map) use their usual paths.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { embedderFor } from './embed';
import { loadHead } from './heads';
import type { LoadedModel } from '@/engine/worker/models';
import { readBack } from '@/engine/worker/readBack';
import { LumenError } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';

type TF = typeof tfTypes;

/** Loads the head; `base` gives the loaded base each time (the engine's LRU may have reloaded it). */
export async function loadTaughtModel(tf: TF, spec: ModelSpec, base: () => Promise<LoadedModel>): Promise<LoadedModel> {
  const taught = spec.taught;
  if (!taught) throw new LumenError('bad-request', `${spec.name} is not a taught model`);
  const started = performance.now();
  const first = await base();
  const head = await loadHead(tf, taught.head);
  const outputs = head.outputs[0]?.shape.at(-1);
  if (outputs !== taught.labels.length) {
    head.dispose();
    throw new LumenError('model-invalid', `${spec.name}: the head gives ${String(outputs)} scores but there are ${taught.labels.length} labels`);
  }
  const forward = async (batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D> => {
    const loaded = await base();
    const embedder = embedderFor(tf, loaded);
    return tf.tidy(() => head.predict(embedder.embed(batch)) as tfTypes.Tensor2D);
  };
  const loadMs = performance.now() - started;
  const warmStart = performance.now();
  const zeros = tf.zeros([1, spec.inputSize[0], spec.inputSize[1], 3]) as tfTypes.Tensor4D;
  try {
    await readBack(await forward(zeros));
  } catch (error) {
    head.dispose();
    throw error;
  } finally {
    zeros.dispose();
  }
  const headWeights = head.weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  return {
    spec,
    labels: taught.labels,
    runtime: 'tfjs',
    info: {
      ...first.info,
      key: spec.key,
      loadMs: first.info.loadMs + loadMs,
      warmupMs: performance.now() - warmStart,
      outputShape: [null, taught.labels.length],
      parameters: first.info.parameters + headWeights,
      weightBytes: first.info.weightBytes + headWeights * 4,
    },
    model: head,
    topology: taught.head.modelTopology,
    forward,
    dispose: () => head.dispose(),
  };
}
