/**
 * The class score Grad-CAM differentiates, and finding the class in the model's output row.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { kerasIndexOf } from '@/shared/models/topk';
import { LumenError } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';

type TF = typeof tfTypes;

/**
 * The score of output `index` for the one image in `output`: the logit itself for logits models;
 * for softmax models, log p (= logit − logsumexp), whose gradient is the class's logit gradient
 * minus the probability-weighted mean of all classes' (it stays alive where p saturates near 1,
 * and it singles out what speaks for this class rather than any other).
 */
export function classScore(tf: TF, output: tfTypes.Tensor, index: number, spec: Pick<ModelSpec, 'output'>): tfTypes.Scalar {
  const row = tf.reshape(output, [-1]);
  const value = tf.slice(row, [index], [1]);
  const score = spec.output === 'logits' ? value : tf.log(tf.add(value, 1e-12));
  return tf.sum(score) as tfTypes.Scalar;
}

/** Output row position of the class: by its Keras index when it has one, else by its label. */
export function outputIndexOf(
  spec: Pick<ModelSpec, 'classes' | 'kerasIndex' | 'name'>,
  labels: readonly string[],
  classIndex: number | null,
  label: string,
): number {
  const layout = { classes: spec.classes, kerasIndex: spec.kerasIndex };
  for (let i = 0; i < labels.length; i += 1) {
    if (classIndex !== null ? kerasIndexOf(i, layout) === classIndex : labels[i] === label) return i;
  }
  throw new LumenError('bad-request', `${spec.name} has no class ${classIndex ?? `"${label}"`} to explain.`);
}
