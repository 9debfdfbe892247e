import { describe, expect, it } from 'vitest';
import { channelWeights, gradCam } from './gradcam';
import { occlusionMap, planOcclusion } from './occlusion';
import { normalizeGrid, peakOf, resizeGrid, resizeToAspect } from './grid';
import { gridToRgba, heatColour } from './colormap';

describe('Grad-CAM weighting', () => {
  // 2×2 map, 2 channels. Channel 0 lights the top-left cell, channel 1 the bottom-right.
  const features = new Float32Array([/* (0,0) */ 4, 0, /* (0,1) */ 0, 0, /* (1,0) */ 0, 0, /* (1,1) */ 0, 3]);

  it('weights each channel by the mean of its gradient', () => {
    const gradients = new Float32Array([1, -1, 3, -1, 0, -1, 0, -1]);
    const w = channelWeights({ height: 2, width: 2, channels: 2, gradients });
    expect(Array.from(w)).toEqual([1, -1]);
  });

  it('sums the weighted channels and keeps only the positive evidence', () => {
    // Channel 0 raises the score (α=+1), channel 1 lowers it (α=−1): only the top-left cell counts.
    const gradients = new Float32Array([1, -1, 1, -1, 1, -1, 1, -1]);
    const cam = gradCam({ height: 2, width: 2, channels: 2, features, gradients });
    expect(Array.from(cam.values)).toEqual([4, 0, 0, 0]);
    // Flip the gradients: now the bottom-right cell is the evidence.
    const flipped = gradCam({ height: 2, width: 2, channels: 2, features, gradients: gradients.map((g) => -g) });
    expect(Array.from(flipped.values)).toEqual([0, 0, 0, 3]);
    expect(peakOf(flipped)).toEqual({ x: 0.75, y: 0.75, value: 3 });
  });

  it('refuses mismatched sizes', () => {
    expect(() => gradCam({ height: 2, width: 2, channels: 2, features: new Float32Array(7), gradients: new Float32Array(8) })).toThrow(/features/);
  });
});

describe('occlusion map', () => {
  it('plans a quarter-side patch at half-patch stride, flush with the far edges', () => {
    const plan = planOcclusion(224, 224);
    expect(plan.patch).toBe(56);
    expect(plan.stride).toBe(28);
    expect(plan.positions).toHaveLength(49);
    expect(plan.positions.at(-1)).toEqual({ x: 168, y: 168 });
    const odd = planOcclusion(299, 299);
    expect(odd.positions.at(-1)).toEqual({ x: 299 - odd.patch, y: 299 - odd.patch });
  });

  it('puts the probability drop where the patch covered the evidence', () => {
    const plan = planOcclusion(8, 8); // patch 2, stride 1
    // Evidence at pixel (6, 3): only patches covering it lower the score.
    const scores = plan.positions.map((p) => (p.x <= 6 && 6 < p.x + plan.patch && p.y <= 3 && 3 < p.y + plan.patch ? 0.2 : 0.9));
    const map = occlusionMap(plan, 0.9, scores, 8, 8);
    expect(map.width).toBe(8);
    const peak = peakOf(map);
    expect(peak.x).toBeCloseTo(6.5 / 8);
    expect(peak.y).toBeCloseTo(3.5 / 8);
    expect(peak.value).toBeCloseTo(0.7);
    // A patch that raised the score is no evidence: drops are floored at 0.
    expect(Math.min(...map.values)).toBe(0);
  });

  it('refuses a score count that does not match the plan', () => {
    expect(() => occlusionMap(planOcclusion(8, 8), 1, [0.5], 8, 8)).toThrow(/scores/);
  });
});

describe('grids', () => {
  it('finds the peak as fractions of width and height, first maximum on ties', () => {
    const grid = { width: 4, height: 2, values: new Float32Array([0, 1, 0, 0, 0, 0, 0, 1]) };
    expect(peakOf(grid)).toEqual({ x: 0.375, y: 0.25, value: 1 });
  });

  it('normalises to 0..1 and leaves an empty map empty', () => {
    expect(Array.from(normalizeGrid({ width: 2, height: 1, values: new Float32Array([2, 8]) }).values)).toEqual([0.25, 1]);
    expect(Array.from(normalizeGrid({ width: 2, height: 1, values: new Float32Array([0, 0]) }).values)).toEqual([0, 0]);
  });

  it('resizes bilinearly with cell centres, keeping the edge values', () => {
    const out = resizeGrid({ width: 2, height: 1, values: new Float32Array([0, 1]) }, 4, 1);
    expect(Array.from(out.values)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('resizes to the image aspect and keeps the peak where it was', () => {
    const grid = { width: 7, height: 7, values: new Float32Array(49) };
    grid.values[1 * 7 + 5] = 1; // right, near the top
    const wide = resizeToAspect(grid, 1600, 400, 64);
    expect([wide.width, wide.height]).toEqual([64, 16]);
    const peak = peakOf(wide);
    expect(peak.x).toBeCloseTo(5.5 / 7, 1);
    expect(peak.y).toBeCloseTo(1.5 / 7, 1);
    const tall = resizeToAspect(grid, 300, 900, 60);
    expect([tall.width, tall.height]).toEqual([20, 60]);
  });
});

describe('colour map', () => {
  it('goes from faint cold to opaque hot', () => {
    const [, , , coldAlpha] = heatColour(0);
    const [r, g, , hotAlpha] = heatColour(1);
    expect(coldAlpha).toBeLessThan(60);
    expect(hotAlpha).toBe(255);
    expect(r).toBeGreaterThan(g);
    expect(gridToRgba([0, 1])).toHaveLength(8);
  });
});
