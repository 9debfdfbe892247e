/**
 * Which files found inside a dropped folder are worth a card. Folders hold everything (notes,
 * videos, .DS_Store), and a card per stray file would bury the photos, so inside folders only
 * images go on; files dropped one by one all get a card, where the worker names what it cannot read.
 */
import { extensionOf } from '@/shared/images/extension';

/**
 * Extensions of files that are images even when the browser gives them no image/* type: formats
 * every browser decodes, and those only some do (JPEG XL, HEIC, TIFF, camera RAW): the decoder is
 * asked about each, so none may be dropped here, and a browser that cannot read one says so on its card.
 */
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  // decoded by Chromium
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'pjpeg',
  'pjp',
  'png',
  'apng',
  'gif',
  'webp',
  'bmp',
  'dib',
  'ico',
  'cur',
  'avif',
  'svg',
  // decoded by some browsers, or by none yet: the decoder is asked, and the card says if it cannot
  'tif',
  'tiff',
  'heic',
  'heics',
  'heif',
  'heifs',
  'hif',
  'avifs',
  'jxl',
  'jp2',
  'j2k',
  'jpf',
  'jpx',
  'jxr',
  'wdp',
  'hdp',
  'psd',
  'exr',
  'qoi',
  // camera RAW
  'raw',
  'dng',
  'cr2',
  'cr3',
  'crw',
  'nef',
  'nrw',
  'arw',
  'srf',
  'sr2',
  'orf',
  'rw2',
  'raf',
  'pef',
  'srw',
  'x3f',
  'erf',
  'kdc',
  'mrw',
  '3fr',
  'iiq',
  'rwl',
  'dcr',
  'mef',
  'mos',
]);

/**
 * The file picker's `accept`: image/* alone lets the system dialog hide files it has no image type
 * for (.jxl, .nef on many desktops), so every extension above is named as well.
 */
export const IMAGE_ACCEPT = ['image/*', ...Array.from(IMAGE_EXTENSIONS, (extension) => `.${extension}`)].join(',');

/** True for a file that is an image by its MIME type or its extension. */
export function isImageFile(name: string, type: string): boolean {
  if (type.toLowerCase().startsWith('image/')) return true;
  const extension = extensionOf(name);
  return extension !== null && IMAGE_EXTENSIONS.has(extension);
}

/** A file on its way to a card, with the path a person recognises it by. */
export interface DroppedFile {
  file: File;
  /** Relative to the dropped folder, that folder's own name first ("holiday/2024/cat.jpg"); the bare name for a loose file. */
  path: string;
}

/** Splits files found in folders into images and the rest (the rest is skipped, and counted). */
export function partitionImages(files: readonly DroppedFile[]): { images: DroppedFile[]; skipped: DroppedFile[] } {
  const images: DroppedFile[] = [];
  const skipped: DroppedFile[] = [];
  for (const dropped of files) (isImageFile(dropped.path, dropped.file.type) ? images : skipped).push(dropped);
  return { images, skipped };
}

/**
 * Files from the "choose a folder" picker: each carries its path below the chosen folder in
 * webkitRelativePath ("holiday/2024/cat.jpg"), which names two cat.jpg in different folders apart.
 */
export function fromFolderPicker(files: readonly File[]): DroppedFile[] {
  return files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** The one line that stands for every skipped file: "3 files skipped: not images". */
export function skippedLine(notImages: number, unreadable: number): string | null {
  const parts: string[] = [];
  const files = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;
  if (notImages > 0) parts.push(`${files(notImages)} skipped: not images`);
  if (unreadable > 0) parts.push(`${files(unreadable)} skipped: could not be read from the folder`);
  return parts.length > 0 ? parts.join(' · ') : null;
}
