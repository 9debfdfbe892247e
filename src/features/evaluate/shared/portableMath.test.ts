import { describe, expect, it } from 'vitest';
import { portableCosSinTurns, portableExp, portableLn } from './portableMath';

/** Within a few ulps of the engine's own result (which is itself within an ulp or so of exact). */
const closeRelative = (actual: number, expected: number, ulps = 4): boolean => Math.abs(actual - expected) <= ulps * Number.EPSILON * Math.abs(expected);

describe('portableLn', () => {
  it('agrees with Math.log from 2⁻³² to 1e300', () => {
    const inputs = [2 ** -32, 1e-9, 0.001, 0.1, 0.5, Math.SQRT1_2, 0.9999999, 1, 1.5, 2, Math.E, 10, 12345.678, 1e300];
    for (const x of inputs) expect(closeRelative(portableLn(x), Math.log(x)) || Math.abs(portableLn(x)) < 1e-15, `ln ${x}`).toBe(true);
    expect(portableLn(1)).toBe(0);
  });

  it('matches Math.log over many uniforms, as Box–Muller draws them', () => {
    for (let k = 1; k <= 2000; k++) {
      const u = ((k * 2654435761) % 4294967296) / 4294967296 || 0.5;
      expect(Math.abs(portableLn(u) - Math.log(u))).toBeLessThan(1e-14);
    }
  });

  it('refuses what has no real logarithm', () => {
    expect(() => portableLn(0)).toThrow(RangeError);
    expect(() => portableLn(-1)).toThrow(RangeError);
    expect(() => portableLn(Number.NaN)).toThrow(RangeError);
  });
});

describe('portableExp', () => {
  it('agrees with Math.exp, including the Gaussian weights blur uses', () => {
    for (const x of [-40, -8, -4.5, -2, -0.5, -1 / 72, 0, 0.3, 1, 5, 50]) expect(closeRelative(portableExp(x), Math.exp(x), 8), `exp ${x}`).toBe(true);
    expect(portableExp(0)).toBe(1);
    expect(portableExp(-1000)).toBe(0);
    expect(portableExp(1000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('portableCosSinTurns', () => {
  it('agrees with Math.cos and Math.sin of 2π·turns over a whole turn', () => {
    for (let k = 0; k < 1000; k++) {
      const turns = k / 1000 + 0.000123;
      const { cos, sin } = portableCosSinTurns(turns);
      expect(Math.abs(cos - Math.cos(2 * Math.PI * turns))).toBeLessThan(2e-15);
      expect(Math.abs(sin - Math.sin(2 * Math.PI * turns))).toBeLessThan(2e-15);
    }
  });

  it('is exact at the quarter turns', () => {
    expect(portableCosSinTurns(0)).toEqual({ cos: 1, sin: 0 });
    expect(portableCosSinTurns(0.25)).toEqual({ cos: -0, sin: 1 });
    expect(portableCosSinTurns(0.5)).toEqual({ cos: -1, sin: -0 });
    expect(portableCosSinTurns(0.75)).toEqual({ cos: 0, sin: -1 });
  });
});
