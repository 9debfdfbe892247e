/**
 * Grad-CAM's arithmetic on read-back numbers (Selvaraju et al. 2017): each feature channel is
 * weighted by the mean over the map of the class score's gradient in it, the weighted channels are
 * summed, and only what speaks for the class (the positive part) is kept.
 */

/** A single-channel map, row-major: values[y * width + x]. */
export interface Grid {
  width: number;
  height: number;
  values: Float32Array;
}

/** Features and gradients of one image, both [height, width, channels] (NHWC without N), row-major. */
export interface FeatureMaps {
  height: number;
  width: number;
  channels: number;
  features: ArrayLike<number>;
  gradients: ArrayLike<number>;
}

/** α_k: the spatial mean of the gradient in channel k. */
export function channelWeights(maps: Pick<FeatureMaps, 'height' | 'width' | 'channels' | 'gradients'>): Float32Array {
  const { height, width, channels, gradients } = maps;
  checkSize(gradients.length, height * width * channels, 'gradients');
  const weights = new Float32Array(channels);
  for (let p = 0; p < height * width; p += 1) {
    for (let k = 0; k < channels; k += 1) weights[k] = (weights[k] ?? 0) + (gradients[p * channels + k] ?? 0);
  }
  const cells = height * width;
  return weights.map((w) => w / cells);
}

/** ReLU(Σ_k α_k A_k): where the features raise the class score. */
export function gradCam(maps: FeatureMaps): Grid {
  const { height, width, channels, features } = maps;
  checkSize(features.length, height * width * channels, 'features');
  const weights = channelWeights(maps);
  const values = new Float32Array(height * width);
  for (let p = 0; p < height * width; p += 1) {
    let sum = 0;
    for (let k = 0; k < channels; k += 1) sum += (weights[k] ?? 0) * (features[p * channels + k] ?? 0);
    values[p] = Math.max(0, sum);
  }
  return { width, height, values };
}

function checkSize(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new Error(`Grad-CAM: ${what} hold ${actual} numbers, expected ${expected}`);
}
