import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accuracyImages, loadEvalSet, parseCsv, photoImages, spread } from './evalData';

describe('parseCsv', () => {
  it('reads a header and rows, CRLF or LF, skipping blank lines', () => {
    expect(parseCsv('file,class_index\r\na.jpg,3\r\n\r\nb.jpg,7\n')).toEqual([
      { file: 'a.jpg', class_index: '3' },
      { file: 'b.jpg', class_index: '7' },
    ]);
  });
  it('handles quoted cells with commas and doubled quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n')).toEqual([{ a: 'x, y', b: 'say "hi"' }]);
  });
  it('folds unquoted commas of a trailing free-text column back into it', () => {
    const rows = parseCsv('file,acceptable,what\nastronaut.png,,(no class; any answer, but must not crash)\n');
    expect(rows[0]).toEqual({ file: 'astronaut.png', acceptable: '', what: '(no class; any answer, but must not crash)' });
  });
  it('gives empty strings for missing cells and [] for an empty file', () => {
    expect(parseCsv('a,b,c\n1\n')).toEqual([{ a: '1', b: '', c: '' }]);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('image sets', () => {
  it('accuracy rows carry a Keras label and an absolute path', () => {
    const [first] = accuracyImages('file,class_index,synset,name\nn01440764_tench.JPEG,0,n01440764,tench\n', '/data');
    expect(first).toEqual({ file: 'n01440764_tench.JPEG', path: '/data/n01440764_tench.JPEG', label: 0, acceptable: null, what: 'tench' });
  });
  it('rejects a class index outside 0..999, naming the row', () => {
    expect(() => accuracyImages('file,class_index\na.jpg,1000\n', '/d')).toThrow(/labels.csv row 2: "1000" is not a Keras class index/);
    expect(() => accuracyImages('file,class_index\na.jpg,\n', '/d')).toThrow(/row 2/);
  });
  it('photo rows split acceptable indices on "|"; empty means any', () => {
    const photos = photoImages('file,acceptable_top1_keras_class_indices,what\nchelsea.png,281|282|285,cat\nastronaut.png,,none\n', '/p');
    expect(photos.map((p) => p.acceptable)).toEqual([[281, 282, 285], []]);
    expect(photos[0]?.label).toBeNull();
  });
  it('spread picks evenly spaced items, deterministically, and all of them when the limit is large', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(spread(items, 4)).toEqual([0, 250, 500, 750]);
    expect(spread(items, 50)).toHaveLength(50);
    expect(new Set(spread(items, 50)).size).toBe(50);
    expect(spread(items, 5000)).toHaveLength(1000);
    expect(spread(items, undefined)).toHaveLength(1000);
  });
});

describe('loadEvalSet', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  it('recognises labels.csv, then expected.csv, and names both when neither exists', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumen-eval-'));
    await expect(loadEvalSet(dir)).rejects.toThrow(/neither labels.csv .* nor expected.csv/);
    await writeFile(join(dir, 'expected.csv'), 'file,acceptable_top1_keras_class_indices\na.png,1\n');
    expect((await loadEvalSet(dir)).kind).toBe('photos');
    await writeFile(join(dir, 'labels.csv'), 'file,class_index\na.jpg,1\nb.jpg,2\nc.jpg,3\n');
    const set = await loadEvalSet(dir, 2);
    expect(set.kind).toBe('accuracy');
    expect(set.images.map((i) => i.file)).toEqual(['a.jpg', 'b.jpg']);
  });
});
