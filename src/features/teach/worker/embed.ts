/**
 * A base model as a frozen feature extractor: its last convolutional feature map (the point
 * Grad-CAM splits at: the input of the global pooling in a graph, the last spatial layer in a
 * layers model), averaged over space and scaled to unit length. That is the model's own pooled
 * penultimate vector, L2-normalised so a dot product is the cosine similarity.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { findGraphSplit } from '@/features/explain/worker/gradcamGraph';
import { splitLayersModel } from '@/features/explain/worker/gradcamLayers';
import { LumenError } from '@/shared/errors';
import type { AnyModel } from '@/engine/worker/forward';
import type { ModelSpec } from '@/engine/shared/types';

type TF = typeof tfTypes;

/** What embedding needs of a loaded base (LoadedModel satisfies it). */
export interface EmbeddingBase {
  spec: ModelSpec;
  /** Null for a model of another runtime: a base is read mid-graph, which only TF.js models allow here. */
  model: AnyModel | null;
  topology: unknown;
}

export interface Embedder {
  /** Node or layer whose output is pooled. */
  at: string;
  /** Preprocessed [N, h, w, 3] → [N, dim] unit vectors; the caller disposes the result. */
  embed(input: tfTypes.Tensor4D): tfTypes.Tensor2D;
}

const embedders = new WeakMap<object, Embedder>();

function featureMap(tf: TF, base: EmbeddingBase & { model: AnyModel }): { at: string; run: (x: tfTypes.Tensor4D) => tfTypes.Tensor } {
  if (base.model instanceof tf.GraphModel) {
    const graph = base.model;
    const split = findGraphSplit(graph, base.topology);
    if (typeof split === 'string') throw new LumenError('model-invalid', `${base.spec.name} cannot be a base for teaching: ${split}.`);
    return { at: split.at, run: (x) => graph.execute(x, split.at) as tfTypes.Tensor };
  }
  const split = splitLayersModel(base.model);
  if (typeof split === 'string') throw new LumenError('model-invalid', `${base.spec.name} cannot be a base for teaching: ${split}.`);
  return { at: split.at, run: (x) => split.trunk(x) };
}

/** The base's embedder, found once per loaded model. */
export function embedderFor(tf: TF, base: EmbeddingBase): Embedder {
  if (!base.model) {
    throw new LumenError(
      'bad-request',
      `${base.spec.name} cannot be a base for teaching: bases are TF.js models (the embedding is read from inside the graph); pick a TF.js member of its family.`,
    );
  }
  const known = embedders.get(base.model);
  if (known) return known;
  const { at, run } = featureMap(tf, { ...base, model: base.model });
  const embedder: Embedder = {
    at,
    embed: (input) =>
      tf.tidy(() => {
        const features = run(input);
        if (features.rank !== 4) throw new LumenError('model-invalid', `${base.spec.name}: ${at} gives ${JSON.stringify(features.shape)}, not a feature map`);
        const pooled = tf.mean(features, [1, 2]) as tfTypes.Tensor2D;
        // Unit length; the epsilon keeps an all-zero vector (a black image after ReLU) finite.
        return tf.div(pooled, tf.add(tf.norm(pooled, 'euclidean', 1, true), 1e-12)) as tfTypes.Tensor2D;
      }),
  };
  embedders.set(base.model, embedder);
  return embedder;
}
