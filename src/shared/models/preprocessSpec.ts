/**
 * Preprocessing as an explicit spec: how decoded RGB pixels (0..255) become a model's input tensor,
 * written out part by part (resize, scale, mean/std, channel order, layout, dtype) instead of named
 * by a keras mode. Today's modes (PreprocessingMode) are presets of it, with the same float32
 * arithmetic as engine/worker/preprocess.ts; `torchvision-eval` is PyTorch's "resize 256, centre
 * crop 224" evaluation transform; preprocessor_config.json (hfLayout.ts) reads into one. Pure.
 */
import type { PreprocessingMode } from './catalog';
import { assertNever } from '@/shared/assertNever';
import type { CenterCrop } from '@/engine/shared/types';

export type Rgb = readonly [number, number, number];
export type SpecDtype = 'float32' | 'float16' | 'uint8' | 'int8';
export type Resample = 'bilinear' | 'bicubic' | 'nearest';
/**
 * Where a centre crop starts when the margin is odd: torchvision's int(round(margin / 2)) (Python
 * rounds halves to even), or Hugging Face image_transforms.center_crop's margin // 2.
 */
export type CropOffset = 'torchvision' | 'floor';

export type ResizeSpec =
  | { kind: 'exact'; height: number; width: number }
  /** Resize to height × width (aspect not kept), then a centre crop: DeiT's 256×256 → 224×224. */
  | { kind: 'exact-crop'; height: number; width: number; crop: { height: number; width: number }; cropOffset: CropOffset }
  /** Shorter side to `size`, aspect kept (long side truncated, as torchvision), then a centre crop. */
  | { kind: 'shortest-edge'; size: number; crop: { height: number; width: number }; cropOffset: CropOffset };

/** A quantized input's own parameters: q = clamp(round(x / scale) + zeroPoint). */
export interface Quantization {
  scale: number;
  zeroPoint: number;
}

export interface PreprocessSpec {
  resize: ResizeSpec;
  resample: Resample;
  /** Multiplies the 0..255 pixel first (1/255, 1/127.5, or 1). */
  scale: number;
  /** Per channel, in RGB order whatever channelOrder says: (x · scale − mean) / std. */
  mean: Rgb;
  std: Rgb;
  channelOrder: 'rgb' | 'bgr';
  layout: 'nhwc' | 'nchw';
  dtype: SpecDtype;
  /** For uint8/int8 inputs: the tensor's own scale and zero point; absent = the values as they are, rounded and clamped. */
  quantization?: Quantization;
}

export type PreprocessPreset = PreprocessingMode | 'torchvision-eval';
export const PREPROCESS_PRESETS: readonly PreprocessPreset[] = ['tf', 'caffe', 'torch', 'unit', 'raw', 'torchvision-eval'];

/** keras "caffe" means (ImageNet training-set channel means), here in RGB order; preprocess.ts holds them BGR. */
export const CAFFE_MEAN_RGB: Rgb = [123.68, 116.779, 103.939];
export const TORCH_MEAN_RGB: Rgb = [0.485, 0.456, 0.406];
export const TORCH_STD_RGB: Rgb = [0.229, 0.224, 0.225];
/** torchvision's ImageNet evaluation resizes to crop / 0.875 (224 → 256) before the centre crop. */
export const TORCHVISION_CROP_FRACTION = 0.875;

const ZERO: Rgb = [0, 0, 0];
const ONE: Rgb = [1, 1, 1];

/** The spec a preset means for a model whose input is `inputSize` = [height, width]. */
export function presetSpec(preset: PreprocessPreset, inputSize: readonly [number, number]): PreprocessSpec {
  const [height, width] = inputSize;
  const base = {
    resize: { kind: 'exact', height, width },
    resample: 'bilinear',
    channelOrder: 'rgb',
    layout: 'nhwc',
    dtype: 'float32',
  } as const satisfies Partial<PreprocessSpec>;
  switch (preset) {
    case 'tf':
      return { ...base, scale: 1 / 127.5, mean: ONE, std: ONE };
    case 'caffe':
      return { ...base, scale: 1, mean: CAFFE_MEAN_RGB, std: ONE, channelOrder: 'bgr' };
    case 'torch':
      return { ...base, scale: 1 / 255, mean: TORCH_MEAN_RGB, std: TORCH_STD_RGB };
    case 'unit':
      return { ...base, scale: 1 / 255, mean: ZERO, std: ONE };
    case 'raw':
      return { ...base, scale: 1, mean: ZERO, std: ONE };
    case 'torchvision-eval': {
      const size = Math.floor(Math.min(height, width) / TORCHVISION_CROP_FRACTION);
      const resize: ResizeSpec = { kind: 'shortest-edge', size, crop: { height, width }, cropOffset: 'torchvision' };
      return { ...base, resize, scale: 1 / 255, mean: TORCH_MEAN_RGB, std: TORCH_STD_RGB, layout: 'nchw' };
    }
    default:
      return assertNever(preset, 'preprocessing preset');
  }
}

/**
 * The centre crop a model spec carries (ModelSpec.centerCrop) for a spec's resize: its shortest
 * edge and offset rule for `shortest-edge`; null for an exact resize, and for an exact resize
 * followed by a crop (DeiT's 256×256 → 224), which the decode path does not do: such a model gets
 * the straight resize, and Your model says so.
 */
export function centerCropOf(resize: ResizeSpec): CenterCrop | null {
  return resize.kind === 'shortest-edge' ? { shortestEdge: resize.size, offset: resize.cropOffset } : null;
}

/** [height, width] of the tensor a spec produces. */
export function specInputSize(spec: PreprocessSpec): [number, number] {
  const { resize } = spec;
  return resize.kind === 'exact' ? [resize.height, resize.width] : [resize.crop.height, resize.crop.width];
}

/**
 * 1/scale when it is a whole or half number (255, 127.5: what configs mean by 0.00392156862745098),
 * so the scale is applied as that division, exactly as TF.js's tf.div(x, 255) is. Else null.
 */
export function scaleDivisor(scale: number): number | null {
  const divisor = 1 / scale;
  const halves = Math.round(divisor * 2);
  return Math.abs(divisor * 2 - halves) < 1e-9 * Math.max(1, halves) ? halves / 2 : null;
}

const positive = (n: number): boolean => Number.isFinite(n) && n > 0;

/** Throws a clear error for a spec no tensor can come from (zero std, a crop bigger than the resize…). */
export function validateSpec(spec: PreprocessSpec): PreprocessSpec {
  const problems: string[] = [];
  const [height, width] = specInputSize(spec);
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) problems.push(`input size ${height}×${width} is not whole pixels`);
  if (spec.resize.kind === 'shortest-edge') {
    const { size, crop } = spec.resize;
    if (!Number.isInteger(size) || size < 1) problems.push(`shortest edge ${size} is not a whole number of pixels`);
    else if (crop.height > size || crop.width > size) problems.push(`centre crop ${crop.height}×${crop.width} is bigger than the shortest edge ${size}`);
  }
  if (spec.resize.kind === 'exact-crop') {
    const { height: h, width: w, crop } = spec.resize;
    if (crop.height > h || crop.width > w) problems.push(`centre crop ${crop.height}×${crop.width} is bigger than the resize ${h}×${w}`);
  }
  if (!positive(spec.scale)) problems.push(`scale ${spec.scale} must be above 0`);
  if (spec.std.some((s) => !positive(s))) problems.push(`std ${spec.std.join(',')} must be above 0 in every channel`);
  if (spec.mean.some((m) => !Number.isFinite(m))) problems.push(`mean ${spec.mean.join(',')} is not numbers`);
  if (spec.quantization && !positive(spec.quantization.scale)) problems.push(`quantization scale ${spec.quantization.scale} must be above 0`);
  if (spec.quantization && (spec.dtype === 'float32' || spec.dtype === 'float16')) problems.push(`a ${spec.dtype} input has no quantization`);
  if (problems.length > 0) throw new Error(`preprocessing spec: ${problems.join('; ')}`);
  return spec;
}

const list = (values: Rgb): string => values.join(',');

function describeScale(scale: number): string | null {
  if (scale === 1) return null;
  const divisor = scaleDivisor(scale);
  return divisor === null ? `×${scale}` : `×1/${divisor}`;
}

/** One line for What ran and Inspect, e.g. "resize shortest edge 256 → centre crop 224×224 · ×1/255 · mean … std … · RGB NCHW float32". */
export function describeSpec(spec: PreprocessSpec): string {
  const { resize } = spec;
  const sampling = spec.resample === 'bilinear' ? '' : ` (${spec.resample})`;
  const resizing =
    resize.kind === 'exact'
      ? `resize ${resize.height}×${resize.width}${sampling}`
      : `resize ${resize.kind === 'exact-crop' ? `${resize.height}×${resize.width}` : `shortest edge ${resize.size}`}${sampling} → centre crop ${resize.crop.height}×${resize.crop.width}`;
  const isZero = spec.mean.every((m) => m === 0);
  const isOne = spec.std.every((s) => s === 1);
  const normalising = [isZero ? null : `mean ${list(spec.mean)}`, isOne ? null : `std ${list(spec.std)}`].filter(Boolean).join(' ');
  const q = spec.quantization;
  const dtype = q ? `${spec.dtype} (scale ${q.scale}, zero point ${q.zeroPoint})` : spec.dtype;
  const tensor = `${spec.channelOrder.toUpperCase()} ${spec.layout.toUpperCase()} ${dtype}`;
  return [resizing, describeScale(spec.scale), normalising || null, tensor].filter((part) => part !== null).join(' · ');
}

/** Per channel, the spec's normalisation as x ↦ gain · x + offset (RGB order). */
function affine(spec: Pick<PreprocessSpec, 'scale' | 'mean' | 'std'>): { gain: number[]; offset: number[] } {
  return { gain: spec.std.map((s) => spec.scale / s), offset: spec.mean.map((m, i) => -m / (spec.std[i] ?? 1)) };
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The preprocessing mode whose normalisation is the same map as the spec's, whatever way it is
 * written (a Hugging Face 1/255 with mean and std 0.5 is `tf`'s x/127.5 − 1); null when none is.
 * Resize and layout are not compared: the runtime seam lays the tensor out as the model wants.
 */
export function modeOfSpec(spec: Pick<PreprocessSpec, 'scale' | 'mean' | 'std' | 'channelOrder'>): PreprocessingMode | null {
  const ours = affine(spec);
  for (const mode of ['tf', 'torch', 'unit', 'raw', 'caffe'] as const) {
    const preset = presetSpec(mode, [224, 224]);
    if (preset.channelOrder !== spec.channelOrder) continue;
    const theirs = affine(preset);
    if (ours.gain.every((g, i) => near(g, theirs.gain[i] ?? Number.NaN)) && ours.offset.every((o, i) => near(o, theirs.offset[i] ?? Number.NaN))) return mode;
  }
  return null;
}
