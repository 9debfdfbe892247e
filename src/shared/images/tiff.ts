/**
 * The first directory (IFD0) of a TIFF structure: TIFF files, the TIFF-based camera RAWs and the
 * EXIF block inside JPEGs all use it. Only what the sniffer and the orientation check need.
 */
import { ascii, u16, u32 } from './bytes';

export interface TiffEntry {
  tag: number;
  type: number;
  count: number;
  /** Absolute offset (in the bytes given) of the entry's value, inline or pointed to. */
  valueAt: number;
}

export interface TiffDirectory {
  littleEndian: boolean;
  entries: TiffEntry[];
  /** False when the directory runs past the bytes given: `entries` holds only those inside them. */
  complete: boolean;
}

/** Byte size of one value of each TIFF field type (1 BYTE … 12 DOUBLE). */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/** The byte order a TIFF header at `base` declares ("II" little, "MM" big), or null when there is none. */
export function tiffByteOrder(bytes: Uint8Array, base: number): boolean | null {
  const order = ascii(bytes, base, 2);
  if (order === 'II') return true;
  if (order === 'MM') return false;
  return null;
}

/** IFD0 of the TIFF header at `base`; null when it is not there or runs past the bytes given. */
export function readIfd0(bytes: Uint8Array, base: number): TiffDirectory | null {
  const littleEndian = tiffByteOrder(bytes, base);
  if (littleEndian === null) return null;
  const first = u32(bytes, base + 4, littleEndian);
  if (first === null) return null;
  const at = base + first;
  const count = u16(bytes, at, littleEndian);
  if (count === null || count > 1000) return null;
  const entries: TiffEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const entryAt = at + 2 + i * 12;
    const tag = u16(bytes, entryAt, littleEndian);
    const type = u16(bytes, entryAt + 2, littleEndian);
    const valueCount = u32(bytes, entryAt + 4, littleEndian);
    const pointer = u32(bytes, entryAt + 8, littleEndian);
    if (tag === null || type === null || valueCount === null || pointer === null) return { littleEndian, entries, complete: false };
    const inline = (TYPE_SIZES[type] ?? 1) * valueCount <= 4;
    entries.push({ tag, type, count: valueCount, valueAt: inline ? entryAt + 8 : base + pointer });
  }
  return { littleEndian, entries, complete: true };
}

export function findEntry(directory: TiffDirectory, tag: number): TiffEntry | undefined {
  return directory.entries.find((entry) => entry.tag === tag);
}

/** An ASCII field's text, without its trailing NULs and spaces; empty when it lies past the bytes given. */
export function entryText(bytes: Uint8Array, entry: TiffEntry): string {
  return ascii(bytes, entry.valueAt, Math.min(entry.count, 64)).replace(/[\0\s]+$/, '');
}

/** A SHORT (or LONG) field's first value. */
export function entryNumber(bytes: Uint8Array, directory: TiffDirectory, entry: TiffEntry): number | null {
  return entry.type === 4 ? u32(bytes, entry.valueAt, directory.littleEndian) : u16(bytes, entry.valueAt, directory.littleEndian);
}
