/**
 * TIFF and the camera RAW formats built on it (CR2, NEF, ARW, DNG, PEF, …) share the TIFF header;
 * what tells them apart is inside the first directory: a DNGVersion tag, Canon's "CR" marker, or
 * the camera maker. Named from the first bytes so the message can say what the file is.
 */
import { ascii, startsWith } from './bytes';
import { entryText, findEntry, readIfd0 } from './tiff';

const TAG_MAKE = 0x010f;
const TAG_DNG_VERSION = 0xc612;

/** Camera maker (upper-cased prefix of the Make tag) → its RAW format. */
const RAW_BY_MAKER: [prefix: string, format: string][] = [
  ['NIKON', 'Nikon RAW (NEF)'],
  ['SONY', 'Sony RAW (ARW)'],
  ['CANON', 'Canon RAW (CR2)'],
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

export function tiffFlavour(bytes: Uint8Array): { format: string; raw: boolean } | null {
  const classic = startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]);
  const big = startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b]);
  if (big) return { format: 'BigTIFF', raw: false };
  if (!classic) return null;
  if (ascii(bytes, 8, 2) === 'CR') return { format: 'Canon RAW (CR2)', raw: true };
  const directory = readIfd0(bytes, 0);
  if (!directory) return { format: 'TIFF', raw: false };
  if (findEntry(directory, TAG_DNG_VERSION)) return { format: 'Adobe DNG (camera RAW)', raw: true };
  const make = findEntry(directory, TAG_MAKE);
  const maker = make ? entryText(bytes, make).toUpperCase() : '';
  const match = RAW_BY_MAKER.find(([prefix]) => maker.startsWith(prefix));
  return match ? { format: match[1], raw: true } : { format: 'TIFF', raw: false };
}
