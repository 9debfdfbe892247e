/**
 * An image's pixel size read from its header, without decoding it, so the decoder can be asked
 * for a bounded size straight away. The size is the one the browser shows: EXIF orientation
 * 5–8 (JPEG, PNG eXIf) and an AVIF's 90° rotation swap width and height. Null when the size is not
 * in the bytes given (say, a JPEG whose metadata runs past them); the caller then decodes first.
 */
import { ascii, i32, indexOfAscii, u16, u32 } from './bytes';
import type { DecodableFormat } from './imageFormat';
import { assertNever } from '@/shared/assertNever';
import { entryNumber, findEntry, readIfd0 } from './tiff';

export interface PixelSize {
  width: number;
  height: number;
}

const valid = (width: number | null, height: number | null): PixelSize | null =>
  width !== null && height !== null && width > 0 && height > 0 ? { width, height } : null;

const swapped = (size: PixelSize | null, swap: boolean): PixelSize | null => (size && swap ? { width: size.height, height: size.width } : size);

/** Orientation (1–8) in the EXIF TIFF structure at `base`; 1 when absent. */
function tiffOrientation(bytes: Uint8Array, base: number): number {
  const directory = readIfd0(bytes, base);
  const entry = directory && findEntry(directory, 0x0112);
  const value = directory && entry ? entryNumber(bytes, directory, entry) : null;
  return value !== null && value >= 1 && value <= 8 ? value : 1;
}

/** EXIF orientation of a JPEG APP1 segment's payload starting at `at`; 1 when it is not EXIF. */
function exifOrientation(bytes: Uint8Array, at: number): number {
  return ascii(bytes, at, 6) === 'Exif\0\0' ? tiffOrientation(bytes, at + 6) : 1;
}

/** SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function jpegSize(bytes: Uint8Array): PixelSize | null {
  let at = 2;
  let orientation = 1;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data before any frame header
    const length = u16(bytes, at + 2, false);
    if (length === null || length < 2) return null;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(bytes, at + 4);
    if (isStartOfFrame(marker)) return swapped(valid(u16(bytes, at + 7, false), u16(bytes, at + 5, false)), orientation >= 5);
    at += 2 + length;
  }
  return null;
}

/**
 * IHDR's size, turned by an eXIf chunk's orientation 5–8 (Chromium honours it in PNG, as in JPEG;
 * it does not in WebP). eXIf must come before the image data to count, so the walk stops at IDAT.
 */
export function pngSize(bytes: Uint8Array): PixelSize | null {
  if (ascii(bytes, 12, 4) !== 'IHDR') return null;
  const size = valid(u32(bytes, 16, false), u32(bytes, 20, false));
  let orientation = 1;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = u32(bytes, at, false);
    const type = ascii(bytes, at + 4, 4);
    if (length === null || type === 'IDAT') break;
    if (type === 'eXIf') orientation = tiffOrientation(bytes, at + 8);
    at += 12 + length;
  }
  return swapped(size, orientation >= 5);
}

export function gifSize(bytes: Uint8Array): PixelSize | null {
  return valid(u16(bytes, 6, true), u16(bytes, 8, true));
}

export function bmpSize(bytes: Uint8Array): PixelSize | null {
  const headerSize = u32(bytes, 14, true);
  if (headerSize === 12) return valid(u16(bytes, 18, true), u16(bytes, 20, true));
  const height = i32(bytes, 22, true); // negative: rows stored top-down
  return valid(i32(bytes, 18, true), height === null ? null : Math.abs(height));
}

export function webpSize(bytes: Uint8Array): PixelSize | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    const width = (bytes[24] ?? 0) | ((bytes[25] ?? 0) << 8) | ((bytes[26] ?? 0) << 16);
    const height = (bytes[27] ?? 0) | ((bytes[28] ?? 0) << 8) | ((bytes[29] ?? 0) << 16);
    return bytes.length >= 30 ? valid(width + 1, height + 1) : null;
  }
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    const width = u16(bytes, 26, true);
    const height = u16(bytes, 28, true);
    return valid(width === null ? null : width & 0x3fff, height === null ? null : height & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return null;
    const bits = u32(bytes, 21, true);
    return bits === null ? null : valid((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  return null;
}

/** The largest `ispe` (image spatial extent) box: the primary image, not a tile or thumbnail. */
export function avifSize(bytes: Uint8Array): PixelSize | null {
  let best: PixelSize | null = null;
  for (let at = indexOfAscii(bytes, 'ispe'); at >= 0; at = indexOfAscii(bytes, 'ispe', at + 4)) {
    const size = valid(u32(bytes, at + 8, false), u32(bytes, at + 12, false));
    if (size && (!best || size.width * size.height > best.width * best.height)) best = size;
  }
  const rotation = indexOfAscii(bytes, 'irot');
  const quarterTurns = rotation >= 0 ? (bytes[rotation + 4] ?? 0) & 0x3 : 0;
  return swapped(best, quarterTurns % 2 === 1);
}

/** The displayed size of a decodable image from its first bytes, or null when they do not say. */
export function headerSize(bytes: Uint8Array, format: DecodableFormat): PixelSize | null {
  switch (format) {
    case 'JPEG':
      return jpegSize(bytes);
    case 'PNG':
      return pngSize(bytes);
    case 'GIF':
      return gifSize(bytes);
    case 'BMP':
      return bmpSize(bytes);
    case 'WebP':
      return webpSize(bytes);
    case 'AVIF':
      return avifSize(bytes);
    case 'ICO':
    case 'CUR':
      return null; // the browser picks one of several entries: decode, then bound
    default:
      return assertNever(format, 'image format');
  }
}
