/** A teach folder (one sub-folder per class) → classes and the deterministic train/test split. */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitByName, type Split } from '../../src/features/teach/shared/split';

const IMAGE = /\.(jpe?g|png|webp|gif|bmp|avif|tiff?|svg)$/i;

export interface TeachSet {
  dir: string;
  classes: string[];
  split: Split<string>;
}

export async function loadTeachSet(dirArg: string, testFraction: number): Promise<TeachSet> {
  const dir = resolve(dirArg);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new Error(`--data ${dirArg}: no such folder`);
  });
  const classes = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const files = await Promise.all(
    classes.map(async (name) =>
      (await readdir(join(dir, name), { withFileTypes: true }))
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && IMAGE.test(e.name))
        .map((e) => join(dir, name, e.name)),
    ),
  );
  return { dir, classes, split: splitByName(files, (path) => path, testFraction) };
}
