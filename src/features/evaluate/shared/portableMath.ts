/**
 * exp, ln and cos/sin built from +, −, ×, ÷ only. ECMAScript leaves Math.exp, Math.log and
 * Math.cos "implementation-approximated" (ECMA-262 §21.3.2), so engines may differ in the last
 * bit, and a corrupted image could then differ by a byte between Chrome and Safari. The basic
 * operations are IEEE 754 round-to-nearest everywhere, so these give the same bits on every engine.
 * Accurate to a few ulps over the ranges the corruptions use, which is all they need.
 */

// Math's constants are fixed Number values, unlike its functions.
const LN2 = Math.LN2;
const SQRT2 = Math.SQRT2;
const SQRT_HALF = Math.SQRT1_2;
const TWO_PI = 2 * Math.PI;

/** Natural log of a positive finite number: x = m·2^e with m in [√½, √2), then ln m = 2·atanh((m − 1)/(m + 1)). */
export function portableLn(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) throw new RangeError(`portableLn needs a positive finite number (got ${x})`);
  let mantissa = x;
  let exponent = 0;
  // Halving and doubling are exact for normal numbers, so this scaling adds no rounding.
  while (mantissa >= SQRT2) {
    mantissa /= 2;
    exponent++;
  }
  while (mantissa < SQRT_HALF) {
    mantissa *= 2;
    exponent--;
  }
  const s = (mantissa - 1) / (mantissa + 1);
  const s2 = s * s;
  // |s| ≤ 0.1716, so s²ⁿ⁺¹/(2n + 1) is below 1e-18 by n = 12.
  let series = 0;
  for (let n = 12; n >= 0; n--) series = series * s2 + 1 / (2 * n + 1);
  return 2 * s * series + exponent * LN2;
}

/** e^x: x = k·ln2 + r with |r| ≤ ½ln2, a Taylor series for e^r, then exact doublings. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > 709) return Number.POSITIVE_INFINITY;
  if (x < -745) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  // |r| ≤ 0.347: r¹⁸/18! is below 1e-23.
  let series = 1;
  for (let n = 17; n >= 1; n--) series = 1 + (series * r) / n;
  let result = series;
  for (let i = 0; i < k; i++) result *= 2;
  for (let i = 0; i > k; i--) result /= 2;
  return result;
}

/**
 * cos and sin of a whole turn fraction, 2π·turns (turns in [0, 1) for Box–Muller). Reduced by
 * quarter turns, an exact operation, to |x| ≤ π/4, where Taylor series converge in nine terms.
 */
export function portableCosSinTurns(turns: number): { cos: number; sin: number } {
  const quarter = Math.round(turns * 4);
  const x = (turns - quarter / 4) * TWO_PI;
  const x2 = x * x;
  let cosSeries = 1;
  let sinSeries = 1;
  // (π/4)¹⁸/18! is about 2e-18.
  for (let n = 8; n >= 1; n--) {
    cosSeries = 1 - (cosSeries * x2) / ((2 * n - 1) * (2 * n));
    sinSeries = 1 - (sinSeries * x2) / (2 * n * (2 * n + 1));
  }
  const cos = cosSeries;
  const sin = x * sinSeries;
  // Rotate back by the quarter turns removed: cos(x + π/2) = −sin x, sin(x + π/2) = cos x.
  switch (((quarter % 4) + 4) % 4) {
    case 0:
      return { cos, sin };
    case 1:
      return { cos: -sin, sin: cos };
    case 2:
      return { cos: -cos, sin: -sin };
    default:
      return { cos: sin, sin: -cos };
  }
}
