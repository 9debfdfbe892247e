/**
 * ISO base media files (`ftyp` box first): AVIF, HEIC/HEIF, Canon CR3, and MP4/QuickTime video
 * all look alike but for their brands. AVIF may also be declared as a compatible brand of `mif1`.
 */
import { ascii, u32 } from './bytes';

export type IsoMediaFormat = { kind: 'avif' } | { kind: 'image'; name: string } | { kind: 'raw'; name: string } | { kind: 'media'; name: string };

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const VIDEO_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'qt  ',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
  'dash',
  'mmp4',
  'MSNV',
]);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'F4A ']);

/** The major brand and the compatible brands of a leading `ftyp` box, or null when there is none. */
export function ftypBrands(bytes: Uint8Array): { major: string; compatible: string[] } | null {
  if (ascii(bytes, 4, 4) !== 'ftyp') return null;
  const size = u32(bytes, 0, false);
  if (size === null || size < 16) return null;
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, bytes.length); at += 4) compatible.push(ascii(bytes, at, 4));
  return { major: ascii(bytes, 8, 4), compatible };
}

export function isobmffFormat(bytes: Uint8Array): IsoMediaFormat | null {
  const brands = ftypBrands(bytes);
  if (!brands) return null;
  const all = [brands.major, ...brands.compatible];
  if (brands.major === 'crx ') return { kind: 'raw', name: 'Canon RAW (CR3)' };
  if (AVIF_BRANDS.has(brands.major)) return { kind: 'avif' };
  if (HEIC_BRANDS.has(brands.major)) return { kind: 'image', name: 'HEIC' };
  if (HEIF_BRANDS.has(brands.major)) {
    if (all.some((b) => AVIF_BRANDS.has(b))) return { kind: 'avif' };
    return { kind: 'image', name: all.some((b) => HEIC_BRANDS.has(b)) ? 'HEIC' : 'HEIF' };
  }
  if (AUDIO_BRANDS.has(brands.major)) return { kind: 'media', name: 'an MPEG-4 audio file' };
  if (VIDEO_BRANDS.has(brands.major)) return { kind: 'media', name: 'an MP4/QuickTime video' };
  return { kind: 'media', name: `an ISO media file (brand "${brands.major.trim()}")` };
}
