/**
 * Bilinear resize of RGBA bytes to float RGB in plain JS, with tf.image.resizeBilinear's own
 * arithmetic (alignCorners false, halfPixelCenters false; tfjs-backend-cpu's kernel, in doubles
 * stored as float32). The decode worker runs it, so the TF.js worker's thread receives each image
 * already at the model's input size and spends its time on the model alone. On the cpu backend the
 * result is bit-identical to fromPixels → cast → resizeBilinear; other backends' own kernels round
 * in float32 and differ from it by a few ulps.
 */

/** Float RGB, 0..255, row-major [height, width, 3]. */
export interface FloatRgb {
  data: Float32Array;
  width: number;
  height: number;
}

/** The source row or column each output one reads, and how far towards the next it lies. */
function samplePoints(oldSize: number, newSize: number): { floor: Int32Array; ceil: Int32Array; frac: Float64Array } {
  const ratio = oldSize / newSize;
  const floor = new Int32Array(newSize);
  const ceil = new Int32Array(newSize);
  const frac = new Float64Array(newSize);
  for (let i = 0; i < newSize; i += 1) {
    const at = ratio * i;
    const below = Math.max(0, Math.floor(at));
    floor[i] = below;
    frac[i] = at - below;
    ceil[i] = Math.min(oldSize - 1, Math.ceil(at));
  }
  return { floor, ceil, frac };
}

/** `rgba` (width × height, 4 bytes a pixel) resized to `newWidth` × `newHeight`, alpha dropped. */
export function resizeRgbaToRgb(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, newWidth: number, newHeight: number): FloatRgb {
  if (width < 1 || height < 1 || newWidth < 1 || newHeight < 1) throw new RangeError(`cannot resize ${width}×${height} to ${newWidth}×${newHeight}`);
  if (rgba.length < width * height * 4) throw new RangeError(`${rgba.length} bytes are too few for ${width}×${height} RGBA`);
  const rows = samplePoints(height, newHeight);
  const cols = samplePoints(width, newWidth);
  // Byte offsets of each output column's left and right source pixels, computed once, not per row.
  const left = cols.floor.map((x) => x * 4);
  const right = cols.ceil.map((x) => x * 4);
  const data = new Float32Array(newWidth * newHeight * 3);
  let out = 0;
  // The indices below stay inside the arrays (checked above, and by samplePoints' clamping): the
  // `as number` casts only tell the compiler what noUncheckedIndexedAccess cannot know.
  for (let r = 0; r < newHeight; r += 1) {
    const top = (rows.floor[r] as number) * width * 4;
    const bottom = (rows.ceil[r] as number) * width * 4;
    const rowFrac = rows.frac[r] as number;
    for (let c = 0; c < newWidth; c += 1) {
      const colFrac = cols.frac[c] as number;
      const tl = top + (left[c] as number);
      const tr = top + (right[c] as number);
      const bl = bottom + (left[c] as number);
      const br = bottom + (right[c] as number);
      for (let d = 0; d < 3; d += 1) {
        const topLeft = rgba[tl + d] as number;
        const bottomLeft = rgba[bl + d] as number;
        const upper = topLeft + ((rgba[tr + d] as number) - topLeft) * colFrac;
        const lower = bottomLeft + ((rgba[br + d] as number) - bottomLeft) * colFrac;
        data[out++] = upper + (lower - upper) * rowFrac;
      }
    }
  }
  return { data, width: newWidth, height: newHeight };
}
