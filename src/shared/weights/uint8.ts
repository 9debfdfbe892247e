/**
 * Affine uint8 quantization as TF.js dequantizes it at load time: value = q · scale + min, one
 * (scale, min) per tensor. The worst error is scale / 2 (plus float32 rounding of the result).
 *
 * A tensor whose values already sit on an evenly spaced grid of at most 256 levels (what
 * quantization-aware training leaves behind, e.g. the TF-slim MobileNetV2 here) is encoded on that
 * very grid: lossless. Re-quantizing such a tensor onto a min/max grid instead shifts every level by
 * a correlated offset, which is what breaks MobileNetV2 under plain per-tensor uint8.
 */
export interface Uint8Quantized {
  bytes: Uint8Array;
  scale: number;
  min: number;
  /** The values were on a ≤ 256-level grid and are stored exactly on it. */
  lossless: boolean;
}

/** How far from a grid level a value may sit and still count as on it, in steps. */
const GRID_TOLERANCE = 1e-3;

function encodeOn(values: Float32Array, scale: number, min: number): Uint8Array {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.min(255, Math.max(0, Math.round(((values[i] ?? 0) - min) / scale)));
  return bytes;
}

/** The grid (scale, min) the values already sit on, or null when they do not (or need > 256 levels). */
export function existingGrid(values: Float32Array): { scale: number; min: number } | null {
  const levels = new Set<number>();
  for (const v of values) {
    levels.add(v);
    if (levels.size > 256) return null;
  }
  const sorted = Float64Array.from(levels).sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  if (max === min) return { scale: 1, min };
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) smallest = Math.min(smallest, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  const steps = Math.round((max - min) / smallest);
  if (steps > 255) return null;
  const scale = (max - min) / steps; // from the whole range: more exact than one difference
  for (const level of sorted) {
    const k = (level - min) / scale;
    if (Math.abs(k - Math.round(k)) > GRID_TOLERANCE) return null;
  }
  return { scale, min };
}

export function toUint8(values: Float32Array): Uint8Quantized {
  if (values.length === 0) return { bytes: new Uint8Array(0), scale: 1, min: 0, lossless: true };
  const grid = existingGrid(values);
  if (grid) return { bytes: encodeOn(values, grid.scale, grid.min), ...grid, lossless: true };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error('cannot quantize a tensor holding Inf or NaN to uint8');
  // A constant tensor is on a grid (handled above); here max > min.
  const scale = (max - min) / 255;
  return { bytes: encodeOn(values, scale, min), scale, min, lossless: false };
}
