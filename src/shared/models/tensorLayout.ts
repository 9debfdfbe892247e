/**
 * What a model's own tensors say about how to feed it and read it, for runtimes other than TF.js
 * (ONNX Runtime Web, LiteRT.js): the input's layout (NCHW or NHWC), size, channels and batch from
 * its shape; the dtype from the format's own names; and quantized or float16 outputs back to float
 * scores. Pure, both threads.
 */
import type { Quantization, SpecDtype } from './preprocessSpec';
import { assertNever } from '@/shared/assertNever';

/** A dimension as runtimes report it: a number (−1 or 0 when dynamic, in TFLite's shape_signature), a symbolic name, or null. */
export type Dim = number | string | null | undefined;

export interface InputLayout {
  layout: 'nhwc' | 'nchw';
  /** null when dynamic: the caller picks the size (the catalog's, or 224). */
  height: number | null;
  width: number | null;
  channels: number;
  /** The fixed batch size, or null when it is dynamic; 1 for a shape with no batch dimension. */
  batch: number | null;
  hasBatchDim: boolean;
  /** A model with a fixed batch of 1 (or none) is run image by image, and the benchmark says so. */
  imageByImage: boolean;
}

const fixed = (dim: Dim): number | null => (typeof dim === 'number' && Number.isInteger(dim) && dim > 0 ? dim : null);
const CHANNEL_COUNTS = new Set([1, 3, 4]);
const isChannels = (dim: Dim): boolean => CHANNEL_COUNTS.has(fixed(dim) ?? 0);

/**
 * [N,3,224,224] → NCHW 224×224; [1,224,224,3] or [-1,224,224,3] → NHWC; [224,224,3] → NHWC
 * with no batch dimension. Where both ends could be the channels, 3 decides, and NHWC when both are.
 */
export function readInputLayout(shape: readonly Dim[]): InputLayout {
  const shown = `[${shape.map((d) => (d === null || d === undefined ? '?' : String(d))).join(',')}]`;
  if (shape.length !== 4 && shape.length !== 3) throw new Error(`input shape ${shown} is not an image batch (rank 4) or an image (rank 3)`);
  const hasBatchDim = shape.length === 4;
  const [first, middle, last] = hasBatchDim ? shape.slice(1) : shape;
  const firstIs = isChannels(first);
  const lastIs = isChannels(last);
  if (!firstIs && !lastIs) throw new Error(`input shape ${shown}: cannot tell NCHW from NHWC (neither end is 1, 3 or 4 channels)`);
  const nchw = firstIs && (!lastIs || (fixed(first) === 3 && fixed(last) !== 3));
  const [height, width, channels] = nchw ? [middle, last, first] : [first, middle, last];
  const batch = hasBatchDim ? fixed(shape[0]) : 1;
  return {
    layout: nchw ? 'nchw' : 'nhwc',
    height: fixed(height),
    width: fixed(width),
    channels: fixed(channels) ?? 0,
    batch,
    hasBatchDim,
    imageByImage: batch === 1,
  };
}

/** ONNX TensorProto.DataType and TFLite TensorType codes of the dtypes Lumen feeds and reads. */
const CODES: Record<'onnx' | 'tflite', Record<number, SpecDtype>> = {
  onnx: { 1: 'float32', 2: 'uint8', 3: 'int8', 10: 'float16' },
  tflite: { 0: 'float32', 1: 'float16', 3: 'uint8', 9: 'int8' },
};
const NAMES: Record<string, SpecDtype> = { float32: 'float32', float: 'float32', float16: 'float16', half: 'float16', uint8: 'uint8', int8: 'int8' };

/**
 * A runtime's dtype (ONNX Runtime's 'float32' or 'tensor(float)', TFLite's 'FLOAT32', either
 * format's numeric code) → ours; null for one Lumen cannot feed or read (int32, int64, string…).
 */
export function dtypeOf(name: string | number, format: 'onnx' | 'tflite'): SpecDtype | null {
  if (typeof name === 'number') return CODES[format][name] ?? null;
  const bare = name
    .trim()
    .toLowerCase()
    .replace(/^tensor\((.*)\)$/, '$1');
  return NAMES[bare] ?? null;
}

/** IEEE 754 half-precision bits → the number they hold. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** A number → the nearest half-precision bits (ties to even, overflow to infinity), for float16 inputs. */
export function numberToFloat16(value: number): number {
  f32[0] = value;
  const bits = u32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff - 127 + 15) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  if (exponent >= 0x1f) return sign | 0x7c00;
  let shift = 13;
  let base = exponent << 10;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    shift = 14 - exponent;
    base = 0;
  }
  const kept = mantissa >>> shift;
  const rest = mantissa - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  // A carry out of the mantissa rightly lands in the exponent (and at the top, in infinity).
  return sign | (base + kept + (rest > half || (rest === half && kept & 1) ? 1 : 0));
}

/** Float32 values → half-precision bits, as ONNX Runtime takes a float16 tensor. */
export function toFloat16Array(values: ArrayLike<number>): Uint16Array {
  return Uint16Array.from({ length: values.length }, (_, i) => numberToFloat16(values[i] ?? 0));
}

/**
 * An output read back from a runtime → float scores. uint8/int8: scale · (q − zeroPoint) with the
 * tensor's own quantization (the values as they are without one). float16: a Uint16Array holds
 * half-precision bits (ONNX Runtime's form); any other array already holds the numbers.
 */
export function dequantize(values: ArrayLike<number>, dtype: SpecDtype, quantization?: Quantization): Float32Array {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float16':
      return values instanceof Uint16Array ? Float32Array.from(values, float16ToNumber) : Float32Array.from(values);
    case 'uint8':
    case 'int8': {
      const { scale, zeroPoint } = quantization ?? { scale: 1, zeroPoint: 0 };
      return Float32Array.from(values, (q) => scale * (q - zeroPoint));
    }
    default:
      return assertNever(dtype, 'output dtype');
  }
}
