/**
 * The arithmetic of a PreprocessSpec (preprocessSpec.ts), pure and on the CPU: where a centre crop
 * falls (torchvision's own rounding), and resized float RGB → the model's input values. Each step
 * is rounded to float32 as a TF.js op on the cpu backend rounds it, so today's presets give the
 * same bits as engine/worker/preprocess.ts's normalize.
 */
import { scaleDivisor, specInputSize, type PreprocessSpec, type SpecDtype } from './preprocessSpec';
import { assertNever } from '@/shared/assertNever';

export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CropBox {
  /** The whole image is resized to this first (torchvision's resize; for an exact resize, the input size). */
  resized: { width: number; height: number };
  /** Then this window of the resized image is kept, in whole resized pixels. */
  crop: PixelRect;
  /** The same window in source pixels (fractional): resizing it straight to the crop is the one-step way. */
  source: PixelRect;
}

/** Python 3's round(): halves go to the even neighbour (round(58.5) = 58, round(59.5) = 60). */
export function roundHalfEven(x: number): number {
  const below = Math.floor(x);
  const fraction = x - below;
  if (fraction !== 0.5) return Math.round(x);
  return below % 2 === 0 ? below : below + 1;
}

/** torchvision's resize(size=int): the shorter side becomes `size`, the longer int(size · long / short). */
function shortestEdge(srcWidth: number, srcHeight: number, size: number): { width: number; height: number } {
  const wide = srcWidth > srcHeight;
  const [short, long] = wide ? [srcHeight, srcWidth] : [srcWidth, srcHeight];
  const newLong = Math.trunc((size * long) / short);
  return wide ? { width: newLong, height: size } : { width: size, height: newLong };
}

/**
 * torchvision.transforms.functional.resize(size=int) then center_crop: the shorter side becomes
 * `size` and the longer int(size · long / short); the crop starts at int(round(margin / 2.0)) (or
 * margin // 2 for Hugging Face's center_crop). 640×480, 256, crop 224 → 341×256, left 58, top 16.
 */
export function cropBox(srcWidth: number, srcHeight: number, spec: Pick<PreprocessSpec, 'resize'>): CropBox {
  if (!(srcWidth >= 1 && srcHeight >= 1)) throw new RangeError(`cannot crop a ${srcWidth}×${srcHeight} image`);
  const { resize } = spec;
  if (resize.kind === 'exact') {
    return {
      resized: { width: resize.width, height: resize.height },
      crop: { left: 0, top: 0, width: resize.width, height: resize.height },
      source: { left: 0, top: 0, width: srcWidth, height: srcHeight },
    };
  }
  const { crop, cropOffset } = resize;
  const resized = resize.kind === 'exact-crop' ? { width: resize.width, height: resize.height } : shortestEdge(srcWidth, srcHeight, resize.size);
  if (crop.width > resized.width || crop.height > resized.height) {
    throw new RangeError(`centre crop ${crop.height}×${crop.width} does not fit in ${resized.height}×${resized.width}`);
  }
  const offset = (margin: number): number => (cropOffset === 'torchvision' ? roundHalfEven(margin / 2) : Math.floor(margin / 2));
  const left = offset(resized.width - crop.width);
  const top = offset(resized.height - crop.height);
  const sx = srcWidth / resized.width;
  const sy = srcHeight / resized.height;
  return {
    resized,
    crop: { left, top, width: crop.width, height: crop.height },
    source: { left: left * sx, top: top * sy, width: crop.width * sx, height: crop.height * sy },
  };
}

/** TFLite's rounding for quantize (std::round): halves away from zero. */
const roundAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

const RANGES = { uint8: [0, 255], int8: [-128, 127] } as const;

function outputArray(dtype: SpecDtype, length: number): Float32Array | Uint8Array | Int8Array {
  switch (dtype) {
    case 'float32':
    case 'float16':
      return new Float32Array(length);
    case 'uint8':
      return new Uint8Array(length);
    case 'int8':
      return new Int8Array(length);
    default:
      return assertNever(dtype, 'input dtype');
  }
}

/**
 * `rgb`: float RGB 0..255, row-major [height, width, 3], already resized (and cropped) to the
 * spec's input size → the input values: (x · scale − mean) / std per channel, in the spec's channel
 * order and layout. uint8/int8: q = clamp(round(v / scale) + zeroPoint) with the tensor's own
 * quantization, or v rounded and clamped without one. float16 comes back as float32 values, for
 * the runtime to pack into its own 16-bit array.
 */
export function applySpec(rgb: Float32Array, height: number, width: number, spec: PreprocessSpec): Float32Array | Uint8Array | Int8Array {
  const [specHeight, specWidth] = specInputSize(spec);
  if (height !== specHeight || width !== specWidth) throw new RangeError(`pixels are ${height}×${width} but the spec's input is ${specHeight}×${specWidth}`);
  const pixels = height * width;
  if (rgb.length !== pixels * 3) throw new RangeError(`${rgb.length} values are not ${height}×${width}×3`);
  const divisor = scaleDivisor(spec.scale);
  const mean = spec.mean.map(Math.fround);
  const std = spec.std.map(Math.fround);
  const out = outputArray(spec.dtype, pixels * 3);
  const range = spec.dtype === 'uint8' || spec.dtype === 'int8' ? RANGES[spec.dtype] : null;
  const q = spec.quantization ?? { scale: 1, zeroPoint: 0 };
  const bgr = spec.channelOrder === 'bgr';
  const planar = spec.layout === 'nchw';
  for (let p = 0; p < pixels; p += 1) {
    for (let c = 0; c < 3; c += 1) {
      const x = rgb[p * 3 + c] ?? 0;
      const scaled = Math.fround(divisor === null ? x * spec.scale : x / divisor);
      const value = Math.fround(Math.fround(scaled - (mean[c] ?? 0)) / (std[c] ?? 1));
      const channel = bgr ? 2 - c : c;
      const at = planar ? channel * pixels + p : p * 3 + channel;
      out[at] = range ? Math.min(range[1], Math.max(range[0], roundAway(value / q.scale) + q.zeroPoint)) : value;
    }
  }
  return out;
}
