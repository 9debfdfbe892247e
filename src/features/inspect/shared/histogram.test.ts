import { describe, expect, it } from 'vitest';
import { headAndTail, shapeSize, typeHistogram } from './histogram';

describe('typeHistogram', () => {
  it('counts each type, most frequent first, ties alphabetical', () => {
    expect(typeHistogram(['Conv2D', 'Relu6', 'Conv2D', 'Add', 'Relu6', 'Conv2D', 'BiasAdd'])).toEqual([
      { type: 'Conv2D', count: 3 },
      { type: 'Relu6', count: 2 },
      { type: 'Add', count: 1 },
      { type: 'BiasAdd', count: 1 },
    ]);
  });

  it('is empty for no types', () => {
    expect(typeHistogram([])).toEqual([]);
  });
});

describe('headAndTail', () => {
  const ten = Array.from({ length: 10 }, (_, i) => i);

  it('gives the first and last n of a long list', () => {
    expect(headAndTail(ten, 3)).toEqual({ first: [0, 1, 2], last: [7, 8, 9] });
  });

  it('never shows an item twice: a short list comes back whole', () => {
    expect(headAndTail(ten, 5)).toEqual({ first: ten, last: [] });
    expect(headAndTail([1, 2, 3], 2)).toEqual({ first: [1, 2, 3], last: [] });
  });
});

describe('shapeSize', () => {
  it('multiplies dimensions; a scalar has one element', () => {
    expect(shapeSize([3, 3, 8, 16])).toBe(1152);
    expect(shapeSize([])).toBe(1);
  });
});
