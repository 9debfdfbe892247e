import { describe, expect, it } from 'vitest';
import { mulberry32, normalSource, seedFromString } from './seededRandom';

/** mulberry32 as bryc/code "PRNGs.md" prints it, scaled back to integers: an independent spelling to check ours against. */
function referenceMulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const take = (next: () => number, count: number): number[] => Array.from({ length: count }, () => next());

describe('mulberry32', () => {
  it('is the published generator, for several seeds', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef, 2 ** 32 - 1]) expect(take(mulberry32(seed), 50)).toEqual(take(referenceMulberry32(seed), 50));
  });

  it('repeats for a seed and differs between seeds', () => {
    expect(take(mulberry32(7), 20)).toEqual(take(mulberry32(7), 20));
    expect(take(mulberry32(7), 20)).not.toEqual(take(mulberry32(8), 20));
    expect(take(mulberry32(7), 1000).every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });
});

describe('normalSource', () => {
  it('draws standard normals: mean 0, variance 1, about 95% within ±1.96', () => {
    const samples = take(normalSource(123), 40_000);
    const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
    const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (samples.length - 1);
    const inside = samples.filter((x) => Math.abs(x) <= 1.959963984540054).length / samples.length;
    // Standard errors: mean 1/√40000 = 0.005, variance √(2/40000) ≈ 0.007, coverage √(.95·.05/40000) ≈ 0.0011.
    expect(Math.abs(mean)).toBeLessThan(0.025);
    expect(Math.abs(variance - 1)).toBeLessThan(0.035);
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.006);
  });

  it('gives the same sequence for the same seed', () => {
    expect(take(normalSource(5), 9)).toEqual(take(normalSource(5), 9));
    expect(take(normalSource(5), 9)).not.toEqual(take(normalSource(6), 9));
  });
});

describe('seedFromString', () => {
  it('is 32-bit FNV-1a (the published test vectors)', () => {
    expect(seedFromString('')).toBe(0x811c9dc5);
    expect(seedFromString('a')).toBe(0xe40c292c);
    expect(seedFromString('foobar')).toBe(0xbf9cf968);
  });
});
