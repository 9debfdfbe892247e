/**
 * Image decoding inside the worker, at a bounded size. The file's first bytes say what it is
 * (shared/images/imageFormat) and, for most formats, its pixel size (shared/images/headerSize), so a
 * large image is decoded straight to its bounded size by createImageBitmap's resize; when the
 * size is not known beforehand, the decoded bitmap is brought down in stages. Every file that may
 * be an image goes to the browser's decoder, whatever format the first bytes name: only when it
 * fails does the format name the problem, in a message a person can act on (the caller turns it
 * into a per-image error). So a browser that ships JPEG XL or HEIC decodes them.
 */
import { DEFAULT_MAX_SIDE, boundedSize, downscaleStages } from '@/shared/images/boundedSize';
import { decodeFailure, emptyFile, type FormatProblem } from '@/shared/images/formatMessages';
import { headerSize, type PixelSize } from '@/shared/images/headerSize';
import { mayBeImage, sniffFormat, type SniffedFormat } from '@/shared/images/imageFormat';
import { assertNever } from '@/shared/assertNever';
import { LumenError } from '@/shared/errors';
import type { ImageInput } from '@/engine/shared/types';

/** A decode failure that knows the file's format (for the error card), when the first bytes told it. */
export class ImageDecodeError extends LumenError {
  readonly format: string | null;
  constructor(problem: FormatProblem, format: string | null) {
    super(problem.code, problem.message);
    this.format = format;
  }
}

export interface BoundedImage {
  /** Longest side at most the bound; the caller owns it and must close it. */
  bitmap: ImageBitmap;
  /** The image's own size as displayed (EXIF orientation applied), before any downscale. */
  width: number;
  height: number;
  format: string | null;
  downscaled: boolean;
}

/**
 * Bytes read for the format and size: a JPEG's frame header comes after its metadata (EXIF up to
 * 64 KB, ICC profiles), so the first 128 KB nearly always hold it; when not, the size is unknown
 * and the decode is bounded afterwards.
 */
const HEAD_BYTES = 128 * 1024;
/** Decodes this large (pixels, or file bytes when the size is unknown) run one at a time: the browser decodes at full size first. */
const HEAVY_PIXELS = 50_000_000;
const HEAVY_BYTES = 20 * 1024 * 1024;

let heavyQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = heavyQueue.then(task, task);
  heavyQueue = run.catch(() => undefined);
  return run;
}

function formatName(sniffed: SniffedFormat): string | null {
  switch (sniffed.kind) {
    case 'decodable':
    case 'unsupported':
      return sniffed.format;
    case 'svg':
      return 'SVG';
    case 'not-image':
    case 'unknown':
      return null;
    default:
      return assertNever(sniffed, 'sniffed format');
  }
}

/** Brings a decoded bitmap within the bound in stages of at most 4:1; closes what it replaces. */
async function boundBitmap(bitmap: ImageBitmap, format: string | null, maxSide: number): Promise<BoundedImage> {
  const original: PixelSize = { width: bitmap.width, height: bitmap.height };
  let current = bitmap;
  try {
    for (const stage of downscaleStages(original, maxSide)) {
      const next = await createImageBitmap(current, { resizeWidth: stage.width, resizeHeight: stage.height, resizeQuality: 'high' });
      current.close();
      current = next;
    }
  } catch (error) {
    current.close();
    throw error;
  }
  return { bitmap: current, ...original, format, downscaled: current !== bitmap };
}

export async function decodeBounded(input: ImageInput, maxSide: number = DEFAULT_MAX_SIDE): Promise<BoundedImage> {
  if (input.kind === 'bitmap') return boundBitmap(input.bitmap, null, maxSide);
  const { blob, name } = input;
  if (blob.size === 0) throw new ImageDecodeError(emptyFile(name), null);
  const head = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  const sniffed = sniffFormat(head, name);
  const format = formatName(sniffed);
  if (!mayBeImage(sniffed)) throw new ImageDecodeError(decodeFailure(name, sniffed, null), format);

  const size = sniffed.kind === 'decodable' ? headerSize(head, sniffed.format) : null;
  const target = size ? boundedSize(size, maxSide) : null;
  const heavy = size ? size.width * size.height > HEAVY_PIXELS : blob.size > HEAVY_BYTES;
  const decode = (): Promise<ImageBitmap> =>
    createImageBitmap(
      blob,
      target?.downscaled
        ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high', imageOrientation: 'from-image' }
        : { imageOrientation: 'from-image' },
    );
  let bitmap: ImageBitmap;
  try {
    bitmap = await (heavy ? oneAtATime(decode) : decode());
  } catch {
    throw new ImageDecodeError(decodeFailure(name, sniffed, size), format);
  }
  if (size && target?.downscaled) return { bitmap, ...size, format, downscaled: true };
  // Size unknown (or the header was wrong): bound what was decoded.
  return boundBitmap(bitmap, format, maxSide);
}

/** A decoded bitmap at a bounded size, for callers that need only the pixels (benchmark input). */
export async function decodeImage(input: ImageInput): Promise<ImageBitmap> {
  return (await decodeBounded(input)).bitmap;
}

/**
 * A decoded bitmap's exact RGBA bytes, read back through a 2D canvas (what tfjs does itself for
 * wasm and cpu). Used where a backend's own bitmap upload is not byte-exact (see preprocess.ts).
 */
export function bitmapPixels(bitmap: ImageBitmap): ImageData {
  const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new LumenError('decode-failed', 'This browser gives workers no 2D canvas to read image pixels with.');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}
