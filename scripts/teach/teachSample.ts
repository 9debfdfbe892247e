/**
 * A small teach set built from ../shared/images/imagenet-sample (one image per ImageNet class):
 * broad categories made of Keras index ranges, each a folder of links to an evenly spread choice of
 * its images. For the `npm run teach` check in npm test, and to try the command by hand.
 */
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCsv } from '../eval/evalData';

/** Keras class indices per broad category. */
export const CATEGORIES: Record<string, readonly number[]> = {
  dogs: range(151, 268),
  birds: [...range(7, 24), ...range(80, 100)],
  vehicles: [407, 436, 468, 511, 555, 569, 573, 575, 609, 627, 654, 656, 661, 675, 717, 734, 751, 757, 779, 803, 817, 864, 867, 874],
  food: range(924, 969),
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `count` items spread evenly over the list (deterministic). */
function spreadPick<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

/** Writes `<out>/<category>/<file>` links; returns the image count per category. */
export async function buildTeachSample(sampleDir: string, outDir: string, categories: readonly string[], perClass: number): Promise<Record<string, number>> {
  const rows = parseCsv(await readFile(join(sampleDir, 'labels.csv'), 'utf8'));
  const counts: Record<string, number> = {};
  for (const category of categories) {
    const indices = new Set(CATEGORIES[category] ?? []);
    const files = rows.filter((r) => indices.has(Number(r['class_index']))).map((r) => r['file'] ?? '');
    const picked = spreadPick(files.sort(), perClass);
    await mkdir(join(outDir, category), { recursive: true });
    for (const file of picked) await symlink(resolve(sampleDir, file), join(outDir, category, file));
    counts[category] = picked.length;
  }
  return counts;
}
