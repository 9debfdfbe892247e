/**
 * Which tensors the uint8 variant stores as uint8. One (scale, min) per tensor cannot resolve a
 * tensor whose values span very different ranges per channel, and TF.js's own MobileNetV2 example
 * shows per-tensor uint8 everywhere breaks it. So uint8 goes only to large dense/conv kernels;
 * everything else (depthwise kernels, biases, batch-norm vectors, small tensors) is float16.
 */
export type TensorChoice = 'uint8' | 'float16' | 'keep';

/** Tensors smaller than this stay float16: they weigh little and often carry offsets/scales. */
export const UINT8_MIN_ELEMENTS = 4096;

export interface WeightInfo {
  name: string;
  shape: number[];
  dtype: string;
}

const elements = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** A depthwise kernel: [h, w, channels, multiplier 1] (graph DepthwiseConv2dNative and Keras alike). */
export function isDepthwiseKernel(w: WeightInfo): boolean {
  return (w.shape.length === 4 && w.shape[3] === 1 && (w.shape[2] ?? 0) > 1) || /depthwise/i.test(w.name);
}

/** The uint8 variant's per-tensor choice; non-float32 tensors (int32 shape constants) are kept. */
export function uint8Choice(w: WeightInfo): TensorChoice {
  if (w.dtype !== 'float32') return 'keep';
  if (w.shape.length < 2 || elements(w.shape) < UINT8_MIN_ELEMENTS || isDepthwiseKernel(w)) return 'float16';
  return 'uint8';
}

export function float16Choice(w: WeightInfo): TensorChoice {
  return w.dtype === 'float32' ? 'float16' : 'keep';
}

export const UINT8_RULE = `uint8 for float32 kernels of rank >= 2 with >= ${UINT8_MIN_ELEMENTS} values, except depthwise kernels; float16 for the rest`;
