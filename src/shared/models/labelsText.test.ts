import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelCountProblem, labelsForOutput, labelsFromIndexObject, labelsFromJson, readLabelsText } from './labelsText';
import { normalizeLabels } from './topk';
import { sharedModel } from '@/testing/shared';
import { describeShared } from '@/testing/sharedSuite';

const birds = (n: number): string[] => Array.from({ length: n }, (_, i) => `bird ${i}`);

describe('readLabelsText', () => {
  it('reads a JSON array and a JSON index → name object', () => {
    expect(readLabelsText('["tench", "goldfish"]')).toEqual(['tench', 'goldfish']);
    expect(readLabelsText('{"1": "goldfish", "0": "tench"}')).toEqual(['tench', 'goldfish']);
  });

  it('reads one name per line: trimmed, CRLF and a BOM handled, trailing empty lines dropped, order kept', () => {
    expect(readLabelsText('\uFEFFbackground\r\n  tench \r\ngoldfish\r\n\r\n')).toEqual(['background', 'tench', 'goldfish']);
    expect(readLabelsText('b\na')).toEqual(['b', 'a']);
  });

  it('keeps an empty line inside the file, so later names keep their index', () => {
    expect(readLabelsText('a\n\nc\n')).toEqual(['a', '', 'c']);
  });

  it('refuses JSON that is neither an array nor an index object', () => {
    expect(() => labelsFromJson('tench')).toThrow('labels file must be a JSON array, an index → name object, or one name per line');
    expect(() => readLabelsText('{"0": "a", "x": "b"}')).toThrow('labels file: key "x" is not a class index');
  });
});

describe('labelsFromIndexObject', () => {
  it('orders by index whatever the key order', () => {
    expect(labelsFromIndexObject({ '2': 'c', '0': 'a', '1': 'b' }, 'x')).toEqual(['a', 'b', 'c']);
  });

  it('names the classes with no name', () => {
    expect(() => labelsFromIndexObject({ '0': 'a', '3': 'd' }, 'config.json id2label')).toThrow('config.json id2label: no name for class 1, 2');
    expect(() => labelsFromIndexObject({ '-1': 'a' }, 'x')).toThrow('key "-1" is not a class index');
    expect(() => labelsFromIndexObject({ '1.5': 'a' }, 'x')).toThrow('key "1.5" is not a class index');
  });
});

describe('labelsForOutput: any class count', () => {
  it('a 965-class model with 965 names', () => {
    const names = labelsForOutput(birds(965), 965);
    expect(names).toHaveLength(965);
    expect(names[964]).toBe('bird 964');
  });

  it('a count that does not match is a clear error', () => {
    expect(labelCountProblem(965, birds(964))).toBe('the labels file has 964 names but the model outputs 965 classes');
    expect(() => labelsForOutput(birds(964), 965)).toThrow('the labels file has 964 names but the model outputs 965 classes');
    expect(() => labelsForOutput(birds(10), 5)).toThrow('the labels file has 10 names but the model outputs 5 classes');
    // One more name is only dropped when it is "background".
    expect(labelCountProblem(5, birds(6))).toBe('the labels file has 6 names but the model outputs 5 classes');
  });

  it('drops a leading "background" for a model one output short, at any count', () => {
    expect(labelsForOutput(['Background', ...birds(3)], 3)).toEqual(['bird 0', 'bird 1', 'bird 2']);
    expect(labelCountProblem(3, ['background', ...birds(3)])).toBeNull();
  });

  it('1000 names label a 1001-output model behind "background" (ImageNet TF-slim), no other count', () => {
    const names = labelsForOutput(birds(1000), 1001);
    expect(names[0]).toBe('background');
    expect(names[1]).toBe('bird 0');
    expect(labelCountProblem(6, birds(5))).not.toBeNull();
  });

  it('writes names in the readable style and names an empty entry by its index', () => {
    expect(labelsForOutput(['motor_scooter', '', '  two   spaces '], 3)).toEqual(['motor scooter', 'class 1', 'two spaces']);
  });

  it('agrees with normalizeLabels on the ImageNet counts', () => {
    const keras = Array.from({ length: 1000 }, (_, i) => `class_${i}`);
    expect(labelsForOutput(keras, 1000)).toEqual(normalizeLabels(keras, 1000));
    expect(labelsForOutput(keras, 1001)).toEqual(normalizeLabels(keras, 1001));
    expect(labelsForOutput(['background', ...keras], 1000)).toEqual(normalizeLabels(['background', ...keras], 1000));
  });
});

const TFLITE_LABELS = resolve(sharedModel('mobilenet_v2_100_224_quant_tflite'), 'labels.txt');

describeShared('the shared TFLite labels.txt', { paths: [TFLITE_LABELS] }, () => {
  it('has 1001 lines, background first, and labels both a 1001- and a 1000-output model', () => {
    const lines = readLabelsText(readFileSync(TFLITE_LABELS, 'utf8'));
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe('background');
    expect(lines[1000]).toBe('toilet tissue, toilet paper, bathroom tissue');
    expect(labelsForOutput(lines, 1001)[1]).toBe('tench, Tinca tinca');
    expect(labelsForOutput(lines, 1000)[0]).toBe('tench, Tinca tinca');
    expect(() => labelsForOutput(lines, 965)).toThrow('the labels file has 1001 names but the model outputs 965 classes');
  });
});
