/**
 * What to tell a person about a file the classifier cannot use, in words that name the problem:
 * the format (found from the first bytes), that this browser cannot read it, and what to do. The
 * browser's decoder has been asked first (decode.ts), except for files that are certainly not images.
 */
import type { ErrorCode } from '@/shared/errors';
import { assertNever } from '@/shared/assertNever';
import type { PixelSize } from './headerSize';
import type { SniffedFormat } from './imageFormat';

export interface FormatProblem {
  code: ErrorCode;
  message: string;
}

/** "a TIFF", "an Adobe DNG": the article by the first letter, which fits every format name used here. */
const withArticle = (format: string): string => `${/^[AEIOU]/i.test(format) ? 'an' : 'a'} ${format}`;

/** Beyond this many pixels a failed decode is most likely the browser's own size limit. */
const HUGE_PIXELS = 100_000_000;

/**
 * The message that names what a file is, for one the browser did not decode (or, certainly not an
 * image, was not asked to); null for a decodable or unknown format, which have nothing to name.
 */
export function formatProblem(name: string, sniffed: SniffedFormat): FormatProblem | null {
  switch (sniffed.kind) {
    case 'decodable':
    case 'unknown':
      return null;
    case 'svg':
      return {
        code: 'unsupported-format',
        message: `"${name}" is an SVG drawing, which the classifier's worker cannot draw: it must be rasterised by the page first, and this one was not.`,
      };
    case 'unsupported':
      switch (sniffed.family) {
        case 'raw':
          return {
            code: 'unsupported-format',
            message: `"${name}" is ${withArticle(sniffed.format)} camera file; this browser cannot read camera RAW files. Export it as JPEG or PNG first.`,
          };
        case 'document':
          return {
            code: 'unsupported-format',
            message: `"${name}" is ${withArticle(sniffed.format)} document, not an image this browser can read. Export the page as JPEG or PNG first.`,
          };
        case 'image':
          return {
            code: 'unsupported-format',
            message: `"${name}" is ${withArticle(sniffed.format)} image; this browser cannot read ${sniffed.format}. Convert it to JPEG or PNG first.`,
          };
        default:
          return assertNever(sniffed.family, 'format family');
      }
    case 'not-image':
      return { code: 'unsupported-format', message: `"${name}" is not an image: it is ${sniffed.what}.` };
    default:
      return assertNever(sniffed, 'sniffed format');
  }
}

/** The message for a file the browser was asked to decode and could not: its format named, where the first bytes tell it. */
export function decodeFailure(name: string, sniffed: SniffedFormat, size: PixelSize | null): FormatProblem {
  if (sniffed.kind !== 'decodable') {
    return (
      formatProblem(name, sniffed) ?? {
        code: 'unsupported-format',
        message: `"${name}" is not an image this browser can read: its first bytes match no image format it knows (JPEG, PNG, WebP, GIF, BMP, ICO, AVIF).`,
      }
    );
  }
  const { format } = sniffed;
  if (size && size.width * size.height > HUGE_PIXELS) {
    const megapixels = Math.round((size.width * size.height) / 1e6);
    return {
      code: 'decode-failed',
      message: `"${name}" is a ${size.width}×${size.height} ${format} (${megapixels} megapixels); this browser could not decode an image that large.`,
    };
  }
  return { code: 'decode-failed', message: `"${name}" starts like ${withArticle(format)} image but could not be decoded: the file is damaged or incomplete.` };
}

/** An empty file. */
export function emptyFile(name: string): FormatProblem {
  return { code: 'decode-failed', message: `"${name}" is empty (0 bytes): there is no image in it.` };
}
