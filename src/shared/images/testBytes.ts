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

/** IFD0 of a Nikon NEF as Nikon writes it: 28 entries, NewSubfileType first, Make seventh. */
const NEF_IFD0_TAGS = [
  0x00fe, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x010f, 0x0110, 0x0111, 0x0112, 0x0115, 0x0116, 0x0117, 0x011a, 0x011b, 0x011c, 0x0128, 0x0131, 0x0132,
  0x014a, 0x0214, 0x8298, 0x8769, 0x8825, 0x9003, 0x9216, 0xa217, 0xc4a5,
];

/**
 * The first `length` bytes of a Nikon NEF: a big-endian TIFF whose IFD0 (at 8, 28 entries, 346
 * bytes) and Make text ("NIKON CORPORATION", after the directory) run past 128 bytes.
 */
export function nefHead(length = 128): Uint8Array {
  const text = new Map([
    [0x010f, 'NIKON CORPORATION'], // Make
    [0x0110, 'NIKON D750'], // Model
    [0x0131, 'Ver.1.10'], // Software
  ]);
  return tiffBytes(
    NEF_IFD0_TAGS.map((tag) => ({ tag, value: text.get(tag) ?? 1 })),
    false,
  ).subarray(0, length);
}

/** The start of a TIFF-based RAW whose only tell is its Make tag (ARW, PEF, SRW, …), padded as a real file is. */
export function makerTiff(make: string, littleEndian = true): Uint8Array {
  return tiffBytes(
    [
      { tag: 0x00fe, value: 1 },
      { tag: 0x0100, value: 160 },
      { tag: 0x010f, value: make },
    ],
    littleEndian,
  );
}
