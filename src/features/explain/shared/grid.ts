/** Heatmap grids: scaling to 0..1, resizing to the image's own aspect, and finding the peak. */
import type { Grid } from './gradcam';

/** Values scaled to 0..1 by the maximum; an all-zero map stays zero (nothing spoke for the class). */
export function normalizeGrid(grid: Grid): Grid {
  let max = 0;
  for (const v of grid.values) if (Number.isFinite(v) && v > max) max = v;
  const values = grid.values.map((v) => (max > 0 && Number.isFinite(v) ? Math.max(0, v) / max : 0));
  return { ...grid, values };
}

/**
 * Bilinear resize, sampling at cell centres (the convention of tf.image.resizeBilinear with
 * halfPixelCenters): a cell's value sits at its centre, and the edges hold the edge cells' values.
 */
export function resizeGrid(grid: Grid, width: number, height: number): Grid {
  const out = new Float32Array(width * height);
  const at = (x: number, y: number): number => grid.values[y * grid.width + x] ?? 0;
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(grid.height - 1, Math.max(0, ((y + 0.5) * grid.height) / height - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(grid.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(grid.width - 1, Math.max(0, ((x + 0.5) * grid.width) / width - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(grid.width - 1, x0 + 1);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, values: out };
}

/**
 * The model saw the whole image stretched to its input (no crop), so its map covers the whole image:
 * resizing it to the image's aspect (longest side `longest`) puts every cell where it belongs.
 */
export function resizeToAspect(grid: Grid, imageWidth: number, imageHeight: number, longest = 64): Grid {
  const scale = longest / Math.max(imageWidth, imageHeight, 1);
  const width = Math.max(1, Math.round(imageWidth * scale));
  const height = Math.max(1, Math.round(imageHeight * scale));
  return resizeGrid(grid, width, height);
}

/** The maximum's position as fractions of width and height (cell centre; left and top are 0). The first maximum wins ties. */
export function peakOf(grid: Grid): { x: number; y: number; value: number } {
  let best = 0;
  let value = -Infinity;
  grid.values.forEach((v, i) => {
    if (v > value) {
      value = v;
      best = i;
    }
  });
  const x = best % grid.width;
  const y = Math.floor(best / grid.width);
  return { x: (x + 0.5) / grid.width, y: (y + 0.5) / grid.height, value: Number.isFinite(value) ? value : 0 };
}
