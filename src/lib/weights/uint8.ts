/**
 * Affine uint8 quantization as TF.js dequantizes it at load time: value = q · scale + min, one
 * (scale, min) per tensor. The worst error is scale / 2 (plus float32 rounding of the result).
 */
export interface Uint8Quantized {
  bytes: Uint8Array;
  scale: number;
  min: number;
}

export function toUint8(values: Float32Array): Uint8Quantized {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) return { bytes: new Uint8Array(0), scale: 1, min: 0 };
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error('cannot quantize a tensor holding Inf or NaN to uint8');
  // A constant tensor: every q is 0 and min carries the value; scale only needs to be finite.
  const scale = max > min ? (max - min) / 255 : 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round(((values[i] ?? 0) - min) / scale);
    bytes[i] = Math.min(255, Math.max(0, q));
  }
  return { bytes, scale, min };
}
