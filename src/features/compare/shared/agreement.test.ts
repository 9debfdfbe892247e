import { describe, expect, it } from 'vitest';
import { kerasOrdered, rowAgreement } from './agreement';

describe('Compare agreement', () => {
  it('puts a 1001-class row and a 1000-class row in the same Keras order', () => {
    const keras = Array.from({ length: 1000 }, (_, i) => (i === 88 ? 0.9 : 0.1 / 999));
    const withBackground = [0, ...keras];
    expect(kerasOrdered(withBackground, 1001, null)).toEqual(keras);
    expect(kerasOrdered(keras, 1000, null)).toEqual(keras);
    const reversed = Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(kerasOrdered(keras, 1000, reversed)[999 - 88]).toBe(0.9);
    expect(kerasOrdered([0.2, 0.8], 2, null)).toEqual([0.2, 0.8]);
  });

  it('says whether the top-1 is the same and how far any probability moved', () => {
    expect(rowAgreement([0.1, 0.7, 0.2], [0.1000004, 0.6999996, 0.2])).toEqual({ sameTop1: true, maxAbsDelta: expect.closeTo(4e-7, 9) });
    expect(rowAgreement([0.1, 0.7, 0.2], [0.5, 0.3, 0.2])?.sameTop1).toBe(false);
    expect(rowAgreement([0.5, 0.5], [0.2, 0.3, 0.5])).toBeNull();
  });
});
