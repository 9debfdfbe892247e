/**
 * Occlusion sensitivity (Zeiler & Fergus 2014) planned and assembled: a grey patch slides over the
 * model's input; where covering the image lowers the class's probability most, its evidence lies.
 */
import type { Grid } from './gradcam';

export interface OcclusionPlan {
  /** Patch side and stride in model-input pixels. */
  patch: number;
  stride: number;
  /** Top-left corners of every patch, row by row. */
  positions: { x: number; y: number }[];
  /** The map's cells are stride × stride, so a cell is covered by several patches. */
  cellsX: number;
  cellsY: number;
}

/** Patch starts along one side: every stride, the last one flush with the far edge. */
function starts(size: number, patch: number, stride: number): number[] {
  const out: number[] = [];
  for (let s = 0; s + patch < size; s += stride) out.push(s);
  out.push(size - patch);
  return out;
}

/**
 * A patch of a quarter of the input's side, moved half a patch at a time: big enough to hide an
 * object's part (so the probability moves), and 7 × 7 = 49 passes at 224 × 224 (a few seconds of
 * batched passes even on wasm).
 */
export function planOcclusion(height: number, width: number): OcclusionPlan {
  const side = Math.min(height, width);
  const patch = Math.max(1, Math.round(side / 4));
  const stride = Math.max(1, Math.round(patch / 2));
  const xs = starts(width, patch, stride);
  const ys = starts(height, patch, stride);
  const positions = ys.flatMap((y) => xs.map((x) => ({ x, y })));
  return { patch, stride, positions, cellsX: Math.ceil(width / stride), cellsY: Math.ceil(height / stride) };
}

/**
 * The map: each cell's value is the mean probability drop (baseline − masked, floored at 0) over the
 * patches that covered it. `scores[i]` is the class's probability with patch i in place.
 */
export function occlusionMap(plan: OcclusionPlan, baseline: number, scores: ArrayLike<number>, height: number, width: number): Grid {
  if (scores.length !== plan.positions.length) throw new Error(`occlusion: ${scores.length} scores for ${plan.positions.length} patches`);
  const { cellsX, cellsY, stride, patch } = plan;
  const sum = new Float32Array(cellsX * cellsY);
  const count = new Float32Array(cellsX * cellsY);
  plan.positions.forEach((pos, i) => {
    const drop = Math.max(0, baseline - (scores[i] ?? baseline));
    // Cells whose centre the patch covers.
    for (let cy = 0; cy < cellsY; cy += 1) {
      const centreY = Math.min(height, (cy + 0.5) * stride);
      if (centreY < pos.y || centreY >= pos.y + patch) continue;
      for (let cx = 0; cx < cellsX; cx += 1) {
        const centreX = Math.min(width, (cx + 0.5) * stride);
        if (centreX < pos.x || centreX >= pos.x + patch) continue;
        const c = cy * cellsX + cx;
        sum[c] = (sum[c] ?? 0) + drop;
        count[c] = (count[c] ?? 0) + 1;
      }
    }
  });
  const values = sum.map((s, c) => ((count[c] ?? 0) > 0 ? s / (count[c] ?? 1) : 0));
  return { width: cellsX, height: cellsY, values };
}
