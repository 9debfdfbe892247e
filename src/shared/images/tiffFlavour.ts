/**
 * TIFF and the camera RAW formats built on it (CR2, NEF, ARW, DNG, PEF, SRW, …) share the TIFF
 * header; what tells them apart is inside the first directory: a DNGVersion tag, Canon's "CR"
 * marker, or the camera maker. When that directory, or its Make text, lies past the bytes given
 * (the head of a file), the file's extension names the RAW, and failing that Nikon's own first
 * directory does. A directory read in full whose maker is no camera's is a TIFF, whatever its name.
 */
import { ascii, startsWith, u16, u32 } from './bytes';
import { entryText, findEntry, readIfd0, type TiffDirectory } from './tiff';

const TAG_MAKE = 0x010f;
const TAG_DNG_VERSION = 0xc612;
const TAG_NEW_SUBFILE_TYPE = 0x00fe;
const TAG_PROCESSING_SOFTWARE = 0x000b;

const NEF = 'Nikon RAW (NEF)';
const CR2 = 'Canon RAW (CR2)';
const DNG = 'Adobe DNG (camera RAW)';

/** Camera maker (upper-cased prefix of the Make tag) → its RAW format. */
const RAW_BY_MAKER: [prefix: string, format: string][] = [
  ['NIKON', NEF],
  ['SONY', 'Sony RAW (ARW)'],
  ['CANON', CR2],
  ['PENTAX', 'Pentax RAW (PEF)'],
  ['RICOH', 'Pentax RAW (PEF)'],
  ['SAMSUNG', 'Samsung RAW (SRW)'],
  ['OLYMPUS', 'Olympus RAW (ORF)'],
  ['FUJIFILM', 'Fujifilm RAW (RAF)'],
  ['PANASONIC', 'Panasonic RAW (RW2)'],
  ['LEICA', 'Leica RAW (RWL)'],
  ['HASSELBLAD', 'Hasselblad RAW (3FR)'],
  ['PHASE ONE', 'Phase One RAW (IIQ)'],
  ['KODAK', 'Kodak RAW (DCR)'],
  ['MAMIYA', 'Mamiya RAW (MEF)'],
];

/** Extensions of the TIFF-based RAW formats: the name hint when the bytes given do not say. */
const RAW_BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['nef', NEF],
  ['nrw', 'Nikon RAW (NRW)'],
  ['arw', 'Sony RAW (ARW)'],
  ['srf', 'Sony RAW (SRF)'],
  ['sr2', 'Sony RAW (SR2)'],
  ['cr2', CR2],
  ['dng', DNG],
  ['pef', 'Pentax RAW (PEF)'],
  ['srw', 'Samsung RAW (SRW)'],
  ['orf', 'Olympus RAW (ORF)'],
  ['rw2', 'Panasonic RAW (RW2)'],
  ['rwl', 'Leica RAW (RWL)'],
  ['3fr', 'Hasselblad RAW (3FR)'],
  ['iiq', 'Phase One RAW (IIQ)'],
  ['dcr', 'Kodak RAW (DCR)'],
  ['kdc', 'Kodak RAW (KDC)'],
  ['mef', 'Mamiya RAW (MEF)'],
  ['erf', 'Epson RAW (ERF)'],
  ['mos', 'Leaf RAW (MOS)'],
]);

export interface TiffFlavour {
  format: string;
  raw: boolean;
}

const rawFormat = (format: string): TiffFlavour => ({ format, raw: true });
const TIFF: TiffFlavour = { format: 'TIFF', raw: false };

/**
 * Nikon writes IFD0 right after the header, opening with 28 entries and NewSubfileType, or 31 and
 * ProcessingSoftware (the pattern the file-type library reads). Only a hint: a plain TIFF could too.
 */
function nikonDirectoryStart(bytes: Uint8Array, littleEndian: boolean): boolean {
  if (u32(bytes, 4, littleEndian) !== 8) return false;
  const count = u16(bytes, 8, littleEndian);
  const firstTag = u16(bytes, 10, littleEndian);
  return (count === 28 && firstTag === TAG_NEW_SUBFILE_TYPE) || (count === 31 && firstTag === TAG_PROCESSING_SOFTWARE);
}

/** The Make tag's text, upper-cased: '' when there is no Make tag, null when its text lies past the bytes given. */
function makerOf(bytes: Uint8Array, directory: TiffDirectory): string | null {
  const make = findEntry(directory, TAG_MAKE);
  if (!make) return '';
  return make.valueAt + Math.min(make.count, 64) <= bytes.length ? entryText(bytes, make).toUpperCase() : null;
}

/** What a TIFF-structured file is; `extension` (lower case, no dot) is the file name's hint. */
export function tiffFlavour(bytes: Uint8Array, extension: string | null = null): TiffFlavour | null {
  const littleEndian = startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]);
  const classic = littleEndian || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]);
  const big = startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b]);
  if (big) return { format: 'BigTIFF', raw: false };
  if (!classic) return null;
  if (ascii(bytes, 8, 2) === 'CR') return rawFormat(CR2);
  const directory = readIfd0(bytes, 0);
  if (directory && findEntry(directory, TAG_DNG_VERSION)) return rawFormat(DNG);
  const maker = directory ? makerOf(bytes, directory) : null;
  const byMaker = maker ? RAW_BY_MAKER.find(([prefix]) => maker.startsWith(prefix)) : undefined;
  if (byMaker) return rawFormat(byMaker[1]);
  // Read in full, with no DNGVersion and no camera's Make: a TIFF (a scan, an export), whatever its name.
  if (directory?.complete && maker !== null) return TIFF;
  // Part of the directory, or the maker's text, lies past the bytes given: the name, then Nikon's layout, say.
  const byName = extension === null ? undefined : RAW_BY_EXTENSION.get(extension);
  if (byName) return rawFormat(byName);
  return nikonDirectoryStart(bytes, littleEndian) ? rawFormat(NEF) : TIFF;
}
