/**
 * Occlusion sensitivity in the worker: batched forward passes of copies of the image, each with
 * one grey patch, reading back only the explained class's probability. Works for any model that
 * classifies, whatever its format or ops.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { normalize } from '@/engine/worker/preprocess';
import { readBack } from '@/engine/worker/readBack';
import { occlusionMap, planOcclusion } from '@/features/explain/shared/occlusion';
import type { Grid } from '@/features/explain/shared/gradcam';
import type { PreprocessingMode } from '@/shared/models/catalog';

type TF = typeof tfTypes;

/** Masked copies per forward pass: 49 patches at 224 × 224 go in 4 passes. */
export const OCCLUSION_BATCH = 16;
/** The patch: mid grey in pixel values, so it carries no colour and no edge of its own. */
const GREY = 127.5;

export interface OcclusionModel {
  forward(batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D>;
}

async function classColumn(tf: TF, model: OcclusionModel, batch: tfTypes.Tensor4D, outputIndex: number): Promise<Float32Array> {
  const probabilities = await model.forward(batch);
  try {
    return (await readBack(tf.tidy(() => tf.reshape(tf.slice(probabilities, [0, outputIndex], [-1, 1]), [-1])))).values;
  } finally {
    probabilities.dispose();
  }
}

/**
 * The occlusion map for one image. `pixels` is [1, H, W, 3] with values 0..255 at the model's
 * input size (not normalised: the patch is grey in pixel terms); the caller keeps ownership.
 */
export async function occlusionGrid(
  tf: TF,
  model: OcclusionModel,
  pixels: tfTypes.Tensor4D,
  mode: PreprocessingMode,
  outputIndex: number,
  onBatch: (done: number, total: number) => void = () => undefined,
): Promise<Grid> {
  const [, height = 0, width = 0] = pixels.shape;
  const plan = planOcclusion(height, width);
  const baselineInput = tf.tidy(() => normalize(tf, pixels, mode));
  const baseline = (await classColumn(tf, model, baselineInput, outputIndex).finally(() => baselineInput.dispose()))[0] ?? 0;
  const scores = new Float32Array(plan.positions.length);
  for (let start = 0; start < plan.positions.length; start += OCCLUSION_BATCH) {
    const group = plan.positions.slice(start, start + OCCLUSION_BATCH);
    const mask = new Float32Array(group.length * height * width);
    group.forEach((pos, b) => {
      for (let y = pos.y; y < pos.y + plan.patch; y += 1)
        mask.fill(1, b * height * width + y * width + pos.x, b * height * width + y * width + pos.x + plan.patch);
    });
    const batch = tf.tidy(() => {
      const m = tf.tensor4d(mask, [group.length, height, width, 1]);
      // pixels·(1 − m) + grey·m, broadcast over the batch and the channels.
      const masked = tf.add(tf.mul(pixels, tf.sub(1, m)), tf.mul(m, GREY)) as tfTypes.Tensor4D;
      return normalize(tf, masked, mode);
    });
    const column = await classColumn(tf, model, batch, outputIndex).finally(() => batch.dispose());
    scores.set(column, start);
    onBatch(Math.min(plan.positions.length, start + group.length), plan.positions.length);
  }
  return occlusionMap(plan, baseline, scores, height, width);
}
