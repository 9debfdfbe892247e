/**
 * `npm run eval -- --data DIR`'s folder, read as the Evaluate view reads a chosen one: every file's
 * path relative to DIR's parent (DIR's own name first, as a browser's webkitRelativePath gives it,
 * so corruption seeds, which mix in the path, match the page's), the labels CSV's text, the layout.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { findLabelCsv, folderLayout, type FolderLayout } from '../../src/features/evaluate/shared/folderLayout';
import { parseSynsets } from '../../src/features/evaluate/shared/modelClasses';

export const SYNSETS_FILE = resolve(import.meta.dirname, '../../public/models/imagenet-synsets.json');

export interface DataFolder {
  layout: FolderLayout;
  /** Relative path (as in the layout) → absolute path on disk. */
  files: Map<string, string>;
}

/** Reads DIR; `labelsFile` (--labels) stands in for a CSV inside it, which is then ignored. */
export async function readDataFolder(dir: string, labelsFile: string | null): Promise<DataFolder> {
  const root = resolve(dir);
  const name = basename(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    const absolute = join(entry.parentPath, entry.name);
    // A link to a file counts as the file (a subset of a dataset is often made of links); links to folders are not walked.
    const isFile = entry.isFile() || (entry.isSymbolicLink() && ((await stat(absolute).catch(() => null))?.isFile() ?? false));
    if (!isFile) continue;
    files.set([name, ...relative(root, absolute).split(sep)].join('/'), absolute);
  }
  let paths = [...files.keys()].sort();
  let csvText: string | undefined;
  if (labelsFile !== null) {
    // The outside CSV sits where folderLayout looks for one: at the folder's top level, alone.
    const inside = findLabelCsv(paths);
    paths = [...paths.filter((p) => p !== inside), `${name}/${basename(labelsFile)}`];
    csvText = await readFile(labelsFile, 'utf8');
  } else {
    const csvPath = findLabelCsv(paths);
    const csvFile = csvPath === null ? undefined : files.get(csvPath);
    if (csvFile) csvText = await readFile(csvFile, 'utf8');
  }
  return { layout: folderLayout(paths, csvText), files };
}

export async function readSynsets(): Promise<string[]> {
  return parseSynsets(JSON.parse(await readFile(SYNSETS_FILE, 'utf8')));
}
