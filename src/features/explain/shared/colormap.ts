/** Heatmap colours: a 0..1 value → RGBA bytes, cold blue through yellow to red, faint where cold so the image shows through. */
const STOPS: readonly [number, number, number, number][] = [
  [0, 0, 0, 160],
  [0.35, 0, 160, 255],
  [0.6, 60, 220, 120],
  [0.8, 250, 220, 0],
  [1, 240, 30, 20],
];

export function heatColour(value: number): [number, number, number, number] {
  const v = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  let i = 1;
  while (i < STOPS.length - 1 && (STOPS[i]?.[0] ?? 1) < v) i += 1;
  const [v0, r0, g0, b0] = STOPS[i - 1] ?? [0, 0, 0, 0];
  const [v1, r1, g1, b1] = STOPS[i] ?? [1, 0, 0, 0];
  const f = v1 > v0 ? (v - v0) / (v1 - v0) : 0;
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * f);
  // Alpha grows with the value: cold areas barely tint the photo.
  return [mix(r0, r1), mix(g0, g1), mix(b0, b1), Math.round(40 + 215 * v)];
}

/** A grid of 0..1 values → RGBA bytes for ImageData. */
export function gridToRgba(values: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i += 1) out.set(heatColour(values[i] ?? 0), i * 4);
  return out;
}
