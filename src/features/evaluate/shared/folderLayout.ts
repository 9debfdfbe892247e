/**
 * Works out how a dropped folder says what each image is: by a labels CSV at its top level, or by
 * the sub-folder each image sits in (the ImageNet layout, "root/n01440764/a.jpg"). Paths are as the
 * folder walk gives them: relative, "/"-separated, the dropped folder's own name first, a loose
 * file's bare name. Files that are not images are counted for the person, not scored.
 */
import { type CsvLineError, parseLabelCsv } from './labelCsv';

/** Extensions read as images; the browser decodes most, and an undecodable one is reported when it fails. */
export const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'avif', 'tif', 'tiff', 'svg', 'heic', 'heif'];

export type FolderLayoutKind = 'csv' | 'subfolders';

export interface LabelledImage {
  path: string;
  /** The label as written (folder name or CSV value), not yet mapped to a class; null when none. */
  label: string | null;
}

export interface FolderLayout {
  layout: FolderLayoutKind;
  /** The labels CSV used, for the 'csv' layout. */
  csvPath: string | null;
  images: LabelledImage[];
  /** Everything else, in the order given; the labels CSV itself is not among them. */
  nonImages: string[];
  /** The CSV's own bad lines, then its rows that name no image or more than one; [] for sub-folders. */
  csvErrors: CsvLineError[];
}

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const extensionOf = (path: string): string => {
  const name = segmentsOf(path).at(-1) ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export const isImagePath = (path: string): boolean => IMAGE_EXTENSIONS.includes(extensionOf(path));

/** "root/x.csv": directly inside the dropped folder. */
const isTopLevelCsv = (path: string): boolean => segmentsOf(path).length === 2 && extensionOf(path) === 'csv';

/** The one CSV directly inside the dropped folder, or null when there is none or more than one (which one would be meant?). */
export function findLabelCsv(paths: readonly string[]): string | null {
  const candidates = paths.filter(isTopLevelCsv);
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** The parent folder below the dropped folder: "root/cat/b.png" → "cat", "root/a/b/c.jpg" → "b"; null at the top. */
function parentFolderLabel(path: string): string | null {
  const segments = segmentsOf(path);
  return segments.length >= 3 ? (segments.at(-2) ?? null) : null;
}

/** How a CSV names a file: "\" as "/", no leading "./" or "/". */
const normalizeCsvPath = (file: string): string => file.replaceAll('\\', '/').replace(/^(\.?\/)+/, '');

const basenameOf = (path: string): string => segmentsOf(path).at(-1) ?? path;

function addTo(index: Map<string, string[]>, key: string, path: string): void {
  const paths = index.get(key) ?? [];
  if (!paths.includes(path)) paths.push(path);
  index.set(key, paths);
}

function labelFromCsv(imagePaths: readonly string[], csvText: string): { labels: Map<string, string>; errors: CsvLineError[] } {
  const { rows, errors } = parseLabelCsv(csvText);
  // Lists, not single paths: two dropped folders can each hold "x.jpg", and a guess would mislabel one.
  const byPath = new Map<string, string[]>();
  const byBasename = new Map<string, string[]>();
  for (const path of imagePaths) {
    const segments = segmentsOf(path);
    // A CSV may name a file below the dropped folder ("cat/b.png") or with the folder ("root/cat/b.png").
    if (segments.length > 1) addTo(byPath, segments.slice(1).join('/'), path);
    addTo(byPath, segments.join('/'), path);
    addTo(byBasename, basenameOf(path), path);
  }
  const labels = new Map<string, string>();
  const labelledOnLine = new Map<string, number>();
  for (const { file, label, line } of rows) {
    const key = normalizeCsvPath(file);
    const candidates = byPath.get(key) ?? byBasename.get(basenameOf(key)) ?? [];
    const [image] = candidates;
    if (image === undefined || candidates.length > 1) {
      const message =
        image === undefined ? `no image "${file}" in the folder` : `"${file}" matches ${candidates.length} images; give its path, e.g. "${image}"`;
      errors.push({ line, message });
      continue;
    }
    const earlier = labelledOnLine.get(image);
    if (earlier !== undefined) {
      errors.push({ line, message: `"${file}" names the same image as line ${earlier}; the first row counts` });
      continue;
    }
    labelledOnLine.set(image, line);
    labels.set(image, label);
  }
  return { labels, errors };
}

/**
 * Labels every image of a dropped folder. With exactly one CSV at the top level (see findLabelCsv)
 * the layout is 'csv' and `csvText` must be that file's text (read it first); images are matched to
 * its file column by relative path, else by a file name that only one image has, and an image the
 * CSV does not name has no label. Otherwise the layout is 'subfolders'.
 */
export function folderLayout(paths: readonly string[], csvText?: string): FolderLayout {
  const csvPath = findLabelCsv(paths);
  const imagePaths = paths.filter(isImagePath);
  const nonImages = paths.filter((path) => !isImagePath(path) && path !== csvPath);
  if (csvPath === null) {
    return { layout: 'subfolders', csvPath, images: imagePaths.map((path) => ({ path, label: parentFolderLabel(path) })), nonImages, csvErrors: [] };
  }
  if (csvText === undefined) throw new Error(`folderLayout: the folder has a labels CSV (${csvPath}); pass its text`);
  const { labels, errors } = labelFromCsv(imagePaths, csvText);
  return { layout: 'csv', csvPath, images: imagePaths.map((path) => ({ path, label: labels.get(path) ?? null })), nonImages, csvErrors: errors };
}
