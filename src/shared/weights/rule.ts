/**
 * Which tensors the uint8 variant stores as uint8. One (scale, min) per tensor cannot resolve a
 * tensor whose output channels span very different ranges (batch norm folded into a conv does
 * exactly that), and TF.js's own MobileNetV2 example shows per-tensor uint8 everywhere breaks it.
 * Measured here: uint8 on every large non-depthwise kernel cost MobileNetV1 0.25 (graph) 7.5
 * top-1 points. So uint8 goes only to large dense/conv kernels whose quantization noise stays
 * small in (nearly) every output channel; everything else is float16. A tensor that already sits
 * on a grid of <= 256 levels (quantization-aware training) is stored uint8 on that grid: lossless.
 */
import { existingGrid } from './uint8';

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

/** Highest noise allowed: uint8 step / √12 over an output channel's RMS, at the 90th percentile of channels. */
export const UINT8_MAX_CHANNEL_NOISE = 0.02;

/**
 * Per output channel (the last axis), the RMS error uint8 adds (step / √12, uniform rounding) over
 * the channel's RMS value; returns the 90th percentile over channels. A dead channel counts as ∞.
 */
export function channelNoise(values: Float32Array, shape: readonly number[]): number {
  const channels = shape[shape.length - 1] ?? 1;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const sumSq = new Float64Array(channels);
  values.forEach((v, i) => {
    if (v < min) min = v;
    if (v > max) max = v;
    sumSq[i % channels] = (sumSq[i % channels] ?? 0) + v * v;
  });
  const perChannel = values.length / channels;
  const noise = (max - min) / 255 / Math.sqrt(12);
  const ratios = Array.from(sumSq, (s) => {
    const rms = Math.sqrt(s / perChannel);
    return rms > 0 ? noise / rms : Number.POSITIVE_INFINITY;
  }).sort((a, b) => a - b);
  return ratios[Math.min(ratios.length - 1, Math.floor(ratios.length * 0.9))] ?? Number.POSITIVE_INFINITY;
}

/** Tensors this small stay float16 even on a grid: nothing to gain. */
const GRID_MIN_ELEMENTS = 16;

/** The uint8 variant's per-tensor choice; non-float32 tensors (int32 shape constants) are kept. */
export function uint8Choice(w: WeightInfo, values: Float32Array): TensorChoice {
  if (w.dtype !== 'float32') return 'keep';
  // Already on a ≤ 256-level grid (quantization-aware training): uint8 on that grid is lossless.
  if (values.length >= GRID_MIN_ELEMENTS && existingGrid(values) !== null) return 'uint8';
  if (w.shape.length < 2 || elements(w.shape) < UINT8_MIN_ELEMENTS || isDepthwiseKernel(w)) return float16Choice(w, values);
  return channelNoise(values, w.shape) <= UINT8_MAX_CHANNEL_NOISE ? 'uint8' : float16Choice(w, values);
}

/** Largest finite float16. */
export const FLOAT16_MAX = 65504;

/**
 * float16 for a float32 tensor within float16's range; one with a larger value stays float32
 * (ResNet50's bn_conv1/moving_variance reaches 83 615: as float16 it became Inf, and top-1 fell
 * from 80.8 % to 75.4 %).
 */
export function float16Choice(w: WeightInfo, values: Float32Array): TensorChoice {
  if (w.dtype !== 'float32') return 'keep';
  for (const v of values) if (Math.abs(v) > FLOAT16_MAX) return 'keep';
  return 'float16';
}

export const UINT8_RULE = `uint8 (lossless, on the tensor's own grid) for any float32 tensor of >= 16 values already on an evenly spaced grid of <= 256 levels; otherwise uint8 for float32 kernels of rank >= 2 with >= ${UINT8_MIN_ELEMENTS} values, not depthwise, whose 90th-percentile output-channel noise (uint8 step/sqrt(12) over channel RMS) is <= ${UINT8_MAX_CHANNEL_NOISE}; float16 for the rest (float32 where a value exceeds float16's range)`;

export const FLOAT16_RULE = `float16 for every float32 tensor whose values stay within ±${FLOAT16_MAX}; float32 for the others`;
