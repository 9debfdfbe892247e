import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERAS_CLASSES, kerasOrderNames, parseSynsets } from './modelClasses';

const thousand = Array.from({ length: 1000 }, (_, i) => `name ${i}`);

describe('kerasOrderNames', () => {
  it('keeps a 1000-class Keras-order list as it is, in the readable style', () => {
    const names = kerasOrderNames(JSON.stringify(['motor_scooter', ...thousand.slice(1)]), { classes: 1000, kerasIndex: null });
    expect(names).toHaveLength(KERAS_CLASSES);
    expect(names[0]).toBe('motor scooter');
    expect(names[999]).toBe('name 999');
  });

  it('drops the background of a 1001-class list', () => {
    const names = kerasOrderNames(['background', ...thousand].join('\n'), { classes: 1001, kerasIndex: null });
    expect(names[0]).toBe('name 0');
    expect(names[999]).toBe('name 999');
  });

  it('puts names of another order at their Keras index', () => {
    const reversed = Array.from({ length: 1000 }, (_, i) => 999 - i);
    const names = kerasOrderNames(JSON.stringify(thousand), { classes: 1000, kerasIndex: reversed });
    expect(names[999]).toBe('name 0');
    expect(names[0]).toBe('name 999');
  });

  it("reads a Hugging Face config.json's id2label", () => {
    const config = { num_labels: 1000, id2label: Object.fromEntries(thousand.map((name, i) => [String(i), name])) };
    expect(kerasOrderNames(JSON.stringify(config), { classes: 1000, kerasIndex: null })[7]).toBe('name 7');
  });

  it('refuses a model of its own classes', () => {
    expect(() => kerasOrderNames('["a","b"]', { classes: 2, kerasIndex: null })).toThrow(/ImageNet/);
  });
});

describe('parseSynsets', () => {
  it('accepts the committed list: 1000 ids in sorted (Keras) order, tench first', () => {
    const ids = parseSynsets(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../public/models/imagenet-synsets.json'), 'utf8')));
    expect(ids[0]).toBe('n01440764');
    expect(ids[999]).toBe('n15075141');
  });

  it('refuses a short, malformed or unsorted list', () => {
    expect(() => parseSynsets(['n01440764'])).toThrow();
    expect(() => parseSynsets(Array.from({ length: 1000 }, () => 'x'))).toThrow();
    const ids = Array.from({ length: 1000 }, (_, i) => `n${String(1000000 + i).padStart(8, '0')}`);
    expect(parseSynsets(ids)).toHaveLength(1000);
    expect(() => parseSynsets([...ids].reverse())).toThrow(/sorted/);
  });
});
