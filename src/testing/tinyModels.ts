/**
 * Tiny models for unit tests: one ModelSpec every test starts from (it overrides what it needs:
 * size, preprocessing, format, key), and the smallest real Keras-style classifier (global average
 * pool → dense → 1000 logits), built with whichever TF.js the test runs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ModelSpec } from '@/engine/shared/types';

type TF = typeof tfTypes;

/** A 4 × 4 'unit'-preprocessed layers model giving 1000 logits in Keras order, unless overridden. */
export function tinySpec(over: Partial<ModelSpec> = {}): ModelSpec {
  const id = over.id ?? 'tiny';
  return {
    key: `${id}@1`,
    id,
    name: 'Tiny',
    format: 'layers',
    modelUrl: `http://localhost/${id}/model.json`,
    labelsUrl: null,
    inputSize: [4, 4],
    preprocessing: 'unit',
    output: 'logits',
    classes: 1000,
    labelOrder: 'keras',
    kerasIndex: null,
    ...over,
  };
}

/** `classes` labels, "class 0" … */
export const tinyLabels = (classes = 1000): string[] => Array.from({ length: classes }, (_, i) => `class ${i}`);

/**
 * size × size × 3 → global average pool → dense → `units` logits. 'random' draws kernel and bias
 * from a normal distribution, so different images give different answers; 'default' is TF.js's own
 * initialisation (zero bias).
 */
export function tinyClassifier(tf: TF, size: number, init: 'random' | 'default' = 'random', units = 1000): tfTypes.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.globalAveragePooling2d({ inputShape: [size, size, 3] }));
  model.add(tf.layers.dense(init === 'random' ? { units, kernelInitializer: 'randomNormal', biasInitializer: 'randomNormal' } : { units }));
  return model;
}
