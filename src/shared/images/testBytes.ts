/**
 * Builders of the first bytes of files in many formats, for the sniffer and header tests (and
 * usable by e2e generators): real layouts, only as long as the parsers need.
 */

export const bytesOf = (...parts: (readonly number[] | string | Uint8Array)[]): Uint8Array => {
  const chunks = parts.map((part) => (typeof part === 'string' ? Uint8Array.from(part, (c) => c.charCodeAt(0) & 0xff) : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};

export const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
export const be32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
export const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
export const le32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

export interface TiffField {
  tag: number;
  /** A string becomes an ASCII field; a number a SHORT. */
  value: string | number;
}

/**
 * A TIFF structure (header + IFD0) with the given fields, as in a .tif, a TIFF-based RAW, or the
 * payload of a JPEG's EXIF segment. Strings longer than 4 bytes go after the directory.
 */
export function tiffBytes(fields: readonly TiffField[], littleEndian = true, magic = 42): Uint8Array {
  const u16 = littleEndian ? le16 : be16;
  const u32 = littleEndian ? le32 : be32;
  const sorted = [...fields].sort((a, b) => a.tag - b.tag);
  const directoryEnd = 8 + 2 + sorted.length * 12 + 4;
  const entries: number[] = [];
  const data: number[] = [];
  for (const field of sorted) {
    if (typeof field.value === 'number') {
      entries.push(...u16(field.tag), ...u16(3), ...u32(1), ...u16(field.value), 0, 0);
      continue;
    }
    const text = [...Array.from(field.value, (c) => c.charCodeAt(0)), 0];
    if (text.length <= 4) {
      entries.push(...u16(field.tag), ...u16(2), ...u32(text.length), ...text, ...new Array<number>(4 - text.length).fill(0));
    } else {
      entries.push(...u16(field.tag), ...u16(2), ...u32(text.length), ...u32(directoryEnd + data.length));
      data.push(...text);
    }
  }
  const order = littleEndian ? 'II' : 'MM';
  return bytesOf(order, u16(magic), u32(8), u16(sorted.length), entries, u32(0), data);
}

/** JPEG start: SOI, optional EXIF orientation, a DHT segment, then SOF0 with the stored size. */
export function jpegBytes(width: number, height: number, orientation?: number): Uint8Array {
  const exif = orientation === undefined ? [] : Array.from(bytesOf('Exif\0\0', tiffBytes([{ tag: 0x0112, value: orientation }], false)));
  const app1 = exif.length > 0 ? [0xff, 0xe1, ...be16(exif.length + 2), ...exif] : [];
  const dht = [0xff, 0xc4, ...be16(2 + 17), 0x00, ...new Array<number>(16).fill(0)];
  const sof = [0xff, 0xc0, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return bytesOf([0xff, 0xd8], app1, dht, sof, [0xff, 0xda]);
}

/** An ISO-BMFF `ftyp` box with a major brand and compatible brands, then more bytes. */
export function ftypBytes(major: string, compatible: readonly string[] = [], rest: Uint8Array = new Uint8Array(0)): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return bytesOf(be32(size), 'ftyp', major, be32(0), compatible.join(''), rest);
}

/** An `ispe` property box (FullBox) giving an AVIF/HEIF item's size. */
export function ispeBox(width: number, height: number): Uint8Array {
  return bytesOf(be32(20), 'ispe', be32(0), be32(width), be32(height));
}
