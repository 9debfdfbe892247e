/**
 * The forward pass from a batch of images to class probabilities, for graph and layers models and
 * each TF.js call style (classify uses 'auto'; the benchmark pins one to compare them).
 */
import { tf } from './tfjs';
import { LumenError } from '@/shared/errors';
import { assertNever } from '@/shared/assertNever';
import type { ForwardMethod, ModelSpec } from '@/engine/shared/types';

export type AnyModel = tf.GraphModel | tf.LayersModel;

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
