/**
 * What a file is, from its first bytes (its name only hints, where the bytes given do not say which
 * camera RAW a TIFF-based file is): an image every browser decodes, another image format (named, so
 * a refusal can say which), an SVG, something that is not an image at all, or unknown. This table
 * refuses nothing: the browser's decoder is asked first (see `mayBeImage`), and the format is named
 * only when it fails, so a browser that ships JPEG XL, HEIC or TIFF is never refused by a stale list.
 */
import { ascii, startsWith } from './bytes';
import { extensionOf } from './extension';
import { isobmffFormat } from './isobmff';
import { tiffFlavour } from './tiffFlavour';
import { textKind } from './textKind';
import { assertNever } from '@/shared/assertNever';

/** Formats every current browser decodes, whose pixel size the header parse reads (headerSize). */
export type DecodableFormat = 'JPEG' | 'PNG' | 'GIF' | 'WebP' | 'BMP' | 'ICO' | 'CUR' | 'AVIF';

export type SniffedFormat =
  | { kind: 'decodable'; format: DecodableFormat }
  /** An image format browsers mostly cannot read (named if this one fails); `raw` for camera RAW files, `document` for PDF/PostScript. */
  | { kind: 'unsupported'; format: string; family: 'image' | 'raw' | 'document' }
  | { kind: 'svg' }
  /** Not an image: `what` completes "it is …" ("a ZIP archive"). */
  | { kind: 'not-image'; what: string }
  | { kind: 'unknown' };

/** Enough for every signature below and the text check; the header size parse wants more (see decode). */
export const SNIFF_BYTES = 512;

const decodable = (format: DecodableFormat): SniffedFormat => ({ kind: 'decodable', format });
const image = (format: string): SniffedFormat => ({ kind: 'unsupported', format, family: 'image' });
const raw = (format: string): SniffedFormat => ({ kind: 'unsupported', format, family: 'raw' });
const documentFormat = (format: string): SniffedFormat => ({ kind: 'unsupported', format, family: 'document' });
const notImage = (what: string): SniffedFormat => ({ kind: 'not-image', what });

type Signature = [test: (bytes: Uint8Array) => boolean, result: SniffedFormat];
const at =
  (expected: readonly number[] | string, offset = 0) =>
  (bytes: Uint8Array) =>
    startsWith(bytes, expected, offset);

/** Plausible BMP info-header sizes: without this check any text starting "BM" would be a bitmap. */
const BMP_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

const SIGNATURES: Signature[] = [
  [at([0xff, 0xd8, 0xff]), decodable('JPEG')],
  [at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), decodable('PNG')],
  [(b) => at('GIF87a')(b) || at('GIF89a')(b), decodable('GIF')],
  [(b) => at('RIFF')(b) && at('WEBP', 8)(b), decodable('WebP')],
  [(b) => at('BM')(b) && BMP_HEADER_SIZES.has(b[14] ?? 0) && b[15] === 0 && b[16] === 0, decodable('BMP')],
  [(b) => at([0, 0, 1, 0])(b) && (b[4] ?? 0) + (b[5] ?? 0) > 0, decodable('ICO')],
  [(b) => at([0, 0, 2, 0])(b) && (b[4] ?? 0) + (b[5] ?? 0) > 0, decodable('CUR')],
  [(b) => at([0xff, 0x0a])(b) || at([0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])(b), image('JPEG XL')],
  [(b) => at([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a])(b) || at([0xff, 0x4f, 0xff, 0x51])(b), image('JPEG 2000')],
  [(b) => at([0x49, 0x49, 0xbc])(b), image('JPEG XR')],
  [at('8BPS'), image('Photoshop (PSD)')],
  [at('gimp xcf'), image('GIMP (XCF)')],
  [at([0x76, 0x2f, 0x31, 0x01]), image('OpenEXR')],
  [at('qoif'), image('QOI')],
  [at('icns'), image('Apple icon (ICNS)')],
  [at('DDS '), image('DirectDraw Surface (DDS)')],
  [(b) => at('#?RADIANCE')(b) || at('#?RGBE')(b), image('Radiance HDR')],
  [at([0x8a, 0x4d, 0x4e, 0x47]), image('MNG')],
  [at('SIMPLE  ='), image('FITS')],
  [at('DICM', 128), image('DICOM')],
  [(b) => /^P[1-7]\s$/.test(ascii(b, 0, 3)), image('Netpbm (PNM)')],
  [(b) => at('IIRO')(b) || at('IIRS')(b) || at('MMOR')(b), raw('Olympus RAW (ORF)')],
  [at('IIU\0'), raw('Panasonic RAW (RW2)')],
  [at('FUJIFILMCCD-RAW'), raw('Fujifilm RAW (RAF)')],
  [at([0, 0x4d, 0x52, 0x4d]), raw('Minolta RAW (MRW)')],
  [at('FOVb'), raw('Sigma RAW (X3F)')],
  [(b) => at('II')(b) && at('HEAPCCDR', 6)(b), raw('Canon RAW (CRW)')],
  [at('%PDF-'), documentFormat('PDF')],
  [(b) => at('%!PS')(b) || at([0xc5, 0xd0, 0xd3, 0xc6])(b), documentFormat('PostScript (EPS)')],
  [(b) => at('PK\x03\x04')(b) || at('PK\x05\x06')(b) || at('PK\x07\x08')(b), notImage('a ZIP archive')],
  [at([0x1f, 0x8b]), notImage('a gzip archive')],
  [at([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), notImage('a 7-Zip archive')],
  [at('Rar!\x1a\x07'), notImage('a RAR archive')],
  [at('BZh'), notImage('a bzip2 archive')],
  [at([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), notImage('an xz archive')],
  [at([0x28, 0xb5, 0x2f, 0xfd]), notImage('a Zstandard archive')],
  [at([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), notImage('an Office document')],
  [at('SQLite format 3\0'), notImage('an SQLite database')],
  [at([0x1a, 0x45, 0xdf, 0xa3]), notImage('a WebM/Matroska video')],
  [(b) => at('RIFF')(b) && at('WAVE', 8)(b), notImage('a WAV audio file')],
  [(b) => at('RIFF')(b) && at('AVI ', 8)(b), notImage('an AVI video')],
  [(b) => at('ID3')(b) || at([0xff, 0xfb])(b) || at([0xff, 0xf3])(b) || at([0xff, 0xf2])(b), notImage('an MP3 audio file')],
  [at('OggS'), notImage('an Ogg audio/video file')],
  [at('fLaC'), notImage('a FLAC audio file')],
  [at([0x7f, 0x45, 0x4c, 0x46]), notImage('a program (ELF executable)')],
  [at('MZ'), notImage('a Windows program')],
  [(b) => at([0xcf, 0xfa, 0xed, 0xfe])(b) || at([0xfe, 0xed, 0xfa, 0xcf])(b), notImage('a macOS program')],
  [at([0, 0x61, 0x73, 0x6d]), notImage('a WebAssembly module')],
];

/**
 * Whether the browser's decoder is asked: every file but those that are certainly not images
 * (archives, video, text, programs, PDF): reading a 2 GB video into memory to hear "no" helps no one.
 */
export function mayBeImage(sniffed: SniffedFormat): boolean {
  switch (sniffed.kind) {
    case 'decodable':
    case 'svg':
    case 'unknown':
      return true;
    case 'unsupported':
      return sniffed.family !== 'document';
    case 'not-image':
      return false;
    default:
      return assertNever(sniffed, 'sniffed format');
  }
}

/** `name` (the file's name or path) is only a hint, for a TIFF-based RAW whose first directory lies past `bytes`. */
export function sniffFormat(bytes: Uint8Array, name = ''): SniffedFormat {
  // TIFF and ISO-BMFF (HEIC, AVIF, CR3, MP4) share one container each: look inside.
  const tiff = tiffFlavour(bytes, extensionOf(name));
  if (tiff) return tiff.raw ? raw(tiff.format) : image(tiff.format);
  const media = isobmffFormat(bytes);
  if (media) {
    switch (media.kind) {
      case 'avif':
        return decodable('AVIF');
      case 'image':
        return image(media.name);
      case 'raw':
        return raw(media.name);
      case 'media':
        return notImage(media.name);
      default:
        return assertNever(media, 'ISO media kind');
    }
  }
  for (const [test, result] of SIGNATURES) if (test(bytes)) return result;
  const text = textKind(bytes.subarray(0, 4096));
  if (text === 'svg') return { kind: 'svg' };
  if (text === 'text') return notImage('a text file');
  return { kind: 'unknown' };
}
