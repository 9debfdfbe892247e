import { describe, expect, it } from 'vitest';
import { mayBeImage, sniffFormat, type SniffedFormat } from './imageFormat';
import { be32, bytesOf, ftypBytes, jpegBytes, le16, le32, makerTiff, nefHead, tiffBytes } from './testBytes';

const decodable = (format: string): SniffedFormat => ({ kind: 'decodable', format }) as SniffedFormat;
const unsupported = (format: string, family: 'image' | 'raw' | 'document' = 'image'): SniffedFormat => ({ kind: 'unsupported', format, family });
const notImage = (what: string): SniffedFormat => ({ kind: 'not-image', what });
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffFormat: what the browser decodes', () => {
  const cases: [string, Uint8Array, string][] = [
    ['JPEG', jpegBytes(640, 480), 'JPEG'],
    ['JPEG with EXIF', jpegBytes(640, 480, 6), 'JPEG'],
    ['PNG', bytesOf(PNG, be32(13), 'IHDR'), 'PNG'],
    ['GIF87a', bytesOf('GIF87a', le16(1), le16(1)), 'GIF'],
    ['GIF89a', bytesOf('GIF89a', le16(1), le16(1)), 'GIF'],
    ['WebP', bytesOf('RIFF', le32(100), 'WEBPVP8 '), 'WebP'],
    ['BMP', bytesOf('BM', le32(100), le32(0), le32(54), le32(40), le32(2), le32(2)), 'BMP'],
    ['BMP core header', bytesOf('BM', le32(100), le32(0), le32(26), le32(12), le16(2), le16(2)), 'BMP'],
    ['ICO', bytesOf([0, 0, 1, 0], le16(1), [16, 16]), 'ICO'],
    ['CUR', bytesOf([0, 0, 2, 0], le16(1), [16, 16]), 'CUR'],
    ['AVIF', ftypBytes('avif', ['mif1', 'miaf']), 'AVIF'],
    ['AVIF sequence', ftypBytes('avis', ['msf1']), 'AVIF'],
    ['AVIF declared as a compatible brand of mif1', ftypBytes('mif1', ['avif', 'miaf']), 'AVIF'],
  ];
  it.each(cases)('%s', (_, bytes, format) => {
    expect(sniffFormat(bytes)).toEqual(decodable(format));
  });
});

describe('sniffFormat: image formats this browser cannot read, named', () => {
  const cases: [string, Uint8Array, SniffedFormat][] = [
    ['TIFF (little-endian)', tiffBytes([{ tag: 0x0100, value: 10 }]), unsupported('TIFF')],
    ['TIFF (big-endian)', tiffBytes([{ tag: 0x010f, value: 'Epson scanner' }], false), unsupported('TIFF')],
    ['BigTIFF', bytesOf('II', le16(43), le16(8), le16(0)), unsupported('BigTIFF')],
    ['HEIC', ftypBytes('heic', ['mif1', 'heic']), unsupported('HEIC')],
    ['HEIC (heix)', ftypBytes('heix', ['mif1']), unsupported('HEIC')],
    ['HEIF (mif1 only)', ftypBytes('mif1', ['mif1']), unsupported('HEIF')],
    ['HEIF with a HEIC compatible brand', ftypBytes('mif1', ['heic']), unsupported('HEIC')],
    ['JPEG XL codestream', bytesOf([0xff, 0x0a, 0xfa]), unsupported('JPEG XL')],
    ['JPEG XL container', bytesOf(be32(12), 'JXL ', [0x0d, 0x0a, 0x87, 0x0a]), unsupported('JPEG XL')],
    ['JPEG 2000', bytesOf(be32(12), 'jP  ', [0x0d, 0x0a, 0x87, 0x0a]), unsupported('JPEG 2000')],
    ['Photoshop', bytesOf('8BPS', [0, 1]), unsupported('Photoshop (PSD)')],
    ['OpenEXR', bytesOf([0x76, 0x2f, 0x31, 0x01]), unsupported('OpenEXR')],
    ['Netpbm', utf8('P6\n640 480\n255\n'), unsupported('Netpbm (PNM)')],
    ['PDF', utf8('%PDF-1.7\n%âãÏÓ\n'), unsupported('PDF', 'document')],
    ['EPS', utf8('%!PS-Adobe-3.0 EPSF-3.0\n'), unsupported('PostScript (EPS)', 'document')],
  ];
  it.each(cases)('%s', (_, bytes, expected) => {
    expect(sniffFormat(bytes)).toEqual(expected);
  });
});

describe('sniffFormat: camera RAW files', () => {
  const cases: [string, Uint8Array, string][] = [
    ['Canon CR2', bytesOf(tiffBytes([]).subarray(0, 8), 'CR', [2, 0]), 'Canon RAW (CR2)'],
    ['Canon CR3', ftypBytes('crx ', ['crx ', 'isom']), 'Canon RAW (CR3)'],
    [
      'Nikon NEF',
      tiffBytes(
        [
          { tag: 0x00fe, value: 1 },
          { tag: 0x010f, value: 'NIKON CORPORATION' },
        ],
        false,
      ),
      'Nikon RAW (NEF)',
    ],
    ['Sony ARW', tiffBytes([{ tag: 0x010f, value: 'SONY' }]), 'Sony RAW (ARW)'],
    [
      'Adobe DNG',
      tiffBytes([
        { tag: 0x010f, value: 'Google' },
        { tag: 0xc612, value: 0x0104 },
      ]),
      'Adobe DNG (camera RAW)',
    ],
    ['Pentax PEF', tiffBytes([{ tag: 0x010f, value: 'PENTAX Corporation' }]), 'Pentax RAW (PEF)'],
    ['Samsung SRW', makerTiff('SAMSUNG'), 'Samsung RAW (SRW)'],
    ['Olympus ORF', bytesOf('IIRO', le32(8)), 'Olympus RAW (ORF)'],
    ['Olympus ORF (IIRS)', bytesOf('IIRS', le32(8)), 'Olympus RAW (ORF)'],
    ['Olympus ORF (big-endian)', bytesOf('MMOR', be32(8)), 'Olympus RAW (ORF)'],
    ['Panasonic RW2', bytesOf('IIU\0', le32(8)), 'Panasonic RAW (RW2)'],
    ['Fujifilm RAF', utf8('FUJIFILMCCD-RAW 0201FF383501'), 'Fujifilm RAW (RAF)'],
  ];
  it.each(cases)('%s', (_, bytes, format) => {
    expect(sniffFormat(bytes)).toEqual(unsupported(format, 'raw'));
  });

  it("the 128-byte head of a NEF, whose first directory runs past it, is a NEF (by its name, or by Nikon's layout)", () => {
    expect(sniffFormat(nefHead(), 'DSC_0001.NEF')).toEqual(unsupported('Nikon RAW (NEF)', 'raw'));
    expect(sniffFormat(nefHead(), 'holiday/2024/DSC_0001.nef')).toEqual(unsupported('Nikon RAW (NEF)', 'raw'));
    expect(sniffFormat(nefHead())).toEqual(unsupported('Nikon RAW (NEF)', 'raw'));
  });

  it('a name never overrides the bytes: a JPEG named .nef is a JPEG', () => {
    expect(sniffFormat(jpegBytes(10, 10), 'DSC_0001.NEF')).toEqual(decodable('JPEG'));
  });
});

describe("mayBeImage: which files the browser's decoder is asked about", () => {
  it('every image, RAW, SVG and unknown file, whatever the table says of its format', () => {
    for (const bytes of [jpegBytes(10, 10), bytesOf([0xff, 0x0a, 0xfa]), ftypBytes('heic', ['mif1']), nefHead(), makerTiff('SONY')]) {
      expect(mayBeImage(sniffFormat(bytes)), JSON.stringify(sniffFormat(bytes))).toBe(true);
    }
    expect(mayBeImage({ kind: 'svg' })).toBe(true);
    expect(mayBeImage({ kind: 'unknown' })).toBe(true);
  });

  it('not files that are certainly not images', () => {
    for (const bytes of [bytesOf('PK\x03\x04'), ftypBytes('isom', ['mp41']), utf8('just text'), utf8('%PDF-1.7\n')]) {
      expect(mayBeImage(sniffFormat(bytes)), JSON.stringify(sniffFormat(bytes))).toBe(false);
    }
  });
});

describe('sniffFormat: not images', () => {
  const cases: [string, Uint8Array, string][] = [
    ['ZIP', bytesOf('PK\x03\x04', [20, 0]), 'a ZIP archive'],
    ['gzip', bytesOf([0x1f, 0x8b, 8, 0]), 'a gzip archive'],
    ['MP4 video', ftypBytes('isom', ['isom', 'mp41']), 'an MP4/QuickTime video'],
    ['QuickTime video', ftypBytes('qt  ', ['qt  ']), 'an MP4/QuickTime video'],
    ['MP3', bytesOf('ID3', [4, 0, 0]), 'an MP3 audio file'],
    ['WAV', bytesOf('RIFF', le32(100), 'WAVEfmt '), 'a WAV audio file'],
    ['ELF program', bytesOf([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'a program (ELF executable)'],
    ['plain text', utf8('this is not a JPEG, just text with the wrong name'), 'a text file'],
    ['text starting "BM"', utf8('BMW parts list\n1. wheel\n'), 'a text file'],
    ['UTF-8 text with accents', utf8('Café crème — déjà vu\n'), 'a text file'],
    ['UTF-16 text', bytesOf([0xff, 0xfe], 'h\0i\0'), 'a text file'],
    ['HTML', utf8('<!doctype html><html><body>hello</body></html>'), 'a text file'],
  ];
  it.each(cases)('%s', (_, bytes, what) => {
    expect(sniffFormat(bytes)).toEqual(notImage(what));
  });

  it('a UTF-8 character cut by the end of the sample is still text', () => {
    const cut = utf8('déjà').subarray(0, 2); // "d" and the first byte of "é"
    expect(sniffFormat(cut)).toEqual(notImage('a text file'));
  });

  it('recognises SVG, with or without an XML prolog', () => {
    expect(sniffFormat(utf8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'))).toEqual({ kind: 'svg' });
    expect(sniffFormat(utf8('\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg viewBox="0 0 1 1"/>'))).toEqual({ kind: 'svg' });
  });

  it('leaves binary it does not know as unknown (the browser is asked to decode it)', () => {
    expect(sniffFormat(bytesOf([0x13, 0x37, 0x00, 0xfe, 0x99, 0x01]))).toEqual({ kind: 'unknown' });
    expect(sniffFormat(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });
});
