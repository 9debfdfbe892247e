/**
 * Gets dropped files ready for the worker: SVGs are rasterised here (see rasteriseSvg.ts); every
 * other file goes as it is, and the worker names the formats it cannot read.
 */
import type { DroppedFile } from './imageFiles';
import { looksLikeSvg, svgCandidate } from './svgSize';
import { serializeError, type SerializedError } from '@/shared/errors';
import { rasteriseSvg } from './rasteriseSvg';

export interface PreparedFile {
  path: string;
  /** What the worker gets: the file itself, or the PNG drawn from an SVG. */
  file: File;
  /** Set when the file cannot go to the worker at all (a broken SVG): it gets an error card. */
  error: SerializedError | null;
}

/** The first bytes are enough to see an `<?xml … <svg` prolog. */
const SNIFF_BYTES = 2048;

async function isSvg(file: File, path: string): Promise<boolean> {
  const verdict = svgCandidate(path, file.type);
  if (verdict !== 'sniff') return verdict === 'svg';
  try {
    return looksLikeSvg(await file.slice(0, SNIFF_BYTES).text());
  } catch {
    return false; // unreadable: the worker will say so
  }
}

async function prepare({ file, path }: DroppedFile): Promise<PreparedFile> {
  if (!(await isSvg(file, path))) return { path, file, error: null };
  try {
    return { path, file: await rasteriseSvg(file, path), error: null };
  } catch (error) {
    return { path, file, error: serializeError(error) };
  }
}

/** One at a time: a drop of many SVGs should not draw them all at once on the main thread. */
export async function prepareFiles(files: readonly DroppedFile[]): Promise<PreparedFile[]> {
  const prepared: PreparedFile[] = [];
  for (const file of files) prepared.push(await prepare(file));
  return prepared;
}
