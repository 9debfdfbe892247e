/**
 * Seeded randomness for the corruptions, so a noisy image is the same bytes on every run and every
 * engine: the robustness figure of a model then depends on the model, not on the draw. Built from
 * integer operations (Math.imul, shifts), the portable ln and cos of ./portableMath, and Math.sqrt,
 * which engines compute with the correctly rounded IEEE 754 square root; never Math.random.
 */
import { portableCosSinTurns, portableLn } from './portableMath';

const TWO_POW_32 = 4294967296;

/**
 * mulberry32 (Tommy Ettinger, 2017, public domain; as collected in bryc/code "PRNGs.md"): a 32-bit
 * state advanced by a Weyl step and mixed, period 2³². Small, fast and good enough to draw pixel
 * noise; not for anything secret. Returns the next unsigned 32-bit integer.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Standard normal deviates by the Box–Muller transform (G. E. P. Box & M. E. Muller 1958, "A Note
 * on the Generation of Random Normal Deviates", Ann. Math. Statist. 29): two uniforms give two
 * independent normals, √(−2 ln u₁)·cos 2πu₂ and √(−2 ln u₁)·sin 2πu₂; the second is kept for the next call.
 */
export function normalSource(seed: number): () => number {
  const next = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // u₁ in (0, 1], so the log is finite; u₂ in [0, 1).
    const u1 = (next() + 1) / TWO_POW_32;
    const u2 = next() / TWO_POW_32;
    const radius = Math.sqrt(-2 * portableLn(u1));
    const { cos, sin } = portableCosSinTurns(u2);
    spare = radius * sin;
    return radius * cos;
  };
}

/**
 * A 32-bit seed from text (FNV-1a, Fowler–Noll–Vo), so each image can have its own noise derived
 * from its path and a run's seed, and the same folder corrupts the same way next time.
 */
export function seedFromString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
