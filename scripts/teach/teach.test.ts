import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTeachArgs } from './teachArgs';
import { loadTeachSet } from './teachData';
import { confusionTable } from './teachCli';

describe('npm run teach flags', () => {
  it('takes the defaults and refuses bad values', () => {
    expect(parseTeachArgs(['--data', 'd'])).toMatchObject({ data: 'd', base: 'mobilenet_v2_100_224', method: 'knn', split: 0.5, backend: 'wasm' });
    expect(parseTeachArgs(['--data', 'd', '--method', 'dense', '--split', '0.25', '--json', 'o.json'])).toMatchObject({
      method: 'dense',
      split: 0.25,
      json: 'o.json',
    });
    expect(() => parseTeachArgs([])).toThrow(/--data DIR is required/);
    expect(() => parseTeachArgs(['--data', 'd', '--method', 'svm'])).toThrow(/knn or dense/);
    expect(() => parseTeachArgs(['--data', 'd', '--split', '1'])).toThrow(/between 0 and 1/);
    expect(() => parseTeachArgs(['--data', 'd', '--backend', 'tpu'])).toThrow(/unknown backend/);
  });
});

describe('teach folders', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('one class per sub-folder, images only, split by name', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumen-teach-data-'));
    for (const [cls, files] of [
      ['cats', ['c.jpg', 'a.png', 'b.jpeg', 'notes.txt']],
      ['dogs', ['y.webp', 'x.JPG']],
    ] as const) {
      await mkdir(join(dir, cls));
      for (const f of files) await writeFile(join(dir, cls, f), 'x');
    }
    await mkdir(join(dir, '.hidden'));
    const set = await loadTeachSet(dir, 0.5);
    expect(set.classes).toEqual(['cats', 'dogs']);
    expect(set.split.train.map((s) => basename(s.item))).toEqual(['a.png', 'c.jpg', 'x.JPG']);
    expect(set.split.test.map((s) => basename(s.item))).toEqual(['b.jpeg', 'y.webp']);
  });

  it('prints the confusion matrix with the true class on each row', () => {
    const lines = confusionTable(
      ['cats', 'dogs'],
      [
        [3, 1],
        [0, 4],
      ],
    );
    expect(lines[0]).toMatch(/^true \\ predicted\s+cats\s+dogs$/);
    expect(lines[1]).toMatch(/^cats\s+3\s+1$/);
    expect(lines[2]).toMatch(/^dogs\s+0\s+4$/);
  });
});
