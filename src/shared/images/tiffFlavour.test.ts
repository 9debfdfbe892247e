import { describe, expect, it } from 'vitest';
import { readIfd0 } from './tiff';
import { tiffFlavour } from './tiffFlavour';
import { bytesOf, le16, le32, makerTiff, nefHead, tiffBytes } from './testBytes';

const raw = (format: string) => ({ format, raw: true });
const TIFF = { format: 'TIFF', raw: false };

describe('tiffFlavour: the maker in a first directory read in full', () => {
  const cases: [string, Uint8Array, string][] = [
    ['Nikon NEF', makerTiff('NIKON CORPORATION', false), 'Nikon RAW (NEF)'],
    ['Sony ARW', makerTiff('SONY'), 'Sony RAW (ARW)'],
    ['Pentax PEF', makerTiff('PENTAX'), 'Pentax RAW (PEF)'],
    ['Pentax PEF made under Ricoh', makerTiff('RICOH IMAGING COMPANY, LTD.'), 'Pentax RAW (PEF)'],
    ['Samsung SRW', makerTiff('SAMSUNG'), 'Samsung RAW (SRW)'],
    ['Leica RWL', makerTiff('LEICA CAMERA AG'), 'Leica RAW (RWL)'],
    ['Hasselblad 3FR', makerTiff('Hasselblad'), 'Hasselblad RAW (3FR)'],
  ];
  it.each(cases)('%s', (_, bytes, format) => {
    expect(tiffFlavour(bytes)).toEqual(raw(format));
  });

  it('a DNGVersion tag makes a DNG whatever the maker (a phone)', () => {
    const dng = tiffBytes([
      { tag: 0x010f, value: 'Google' },
      { tag: 0xc612, value: 0x0104 },
    ]);
    expect(tiffFlavour(dng, 'jpg')).toEqual(raw('Adobe DNG (camera RAW)'));
  });

  it('Canon\'s "CR" marker after the header makes a CR2', () => {
    expect(tiffFlavour(bytesOf('II', le16(42), le32(16), 'CR', [2, 0]))).toEqual(raw('Canon RAW (CR2)'));
  });

  it('the bytes win over the name: a scanner TIFF named .nef, or a TIFF with no Make named .dng, is a TIFF', () => {
    expect(tiffFlavour(makerTiff('EPSON scanner'), 'nef')).toEqual(TIFF);
    expect(tiffFlavour(tiffBytes([{ tag: 0x0100, value: 10 }]), 'dng')).toEqual(TIFF);
  });
});

describe('tiffFlavour: a first directory that lies past the bytes given', () => {
  it('the 128-byte head of a NEF: its directory and Make text run past the end', () => {
    const head = nefHead();
    expect(head.length).toBe(128);
    expect(readIfd0(head, 0)?.complete).toBe(false);
    expect(tiffFlavour(nefHead(1024))).toEqual(raw('Nikon RAW (NEF)')); // read in full, by its maker
    expect(tiffFlavour(head, 'nef')).toEqual(raw('Nikon RAW (NEF)'));
  });

  it("with no name to go by, Nikon's own directory start names a NEF", () => {
    expect(tiffFlavour(nefHead())).toEqual(raw('Nikon RAW (NEF)'));
    expect(tiffFlavour(nefHead(), 'tif')).toEqual(raw('Nikon RAW (NEF)'));
  });

  it('the extension names the RAW when the directory is not in the bytes at all', () => {
    const header = bytesOf('II', le16(42), le32(4096)); // IFD0 at 4096, past the 8 bytes given
    const cases: [string, string][] = [
      ['nef', 'Nikon RAW (NEF)'],
      ['arw', 'Sony RAW (ARW)'],
      ['dng', 'Adobe DNG (camera RAW)'],
      ['cr2', 'Canon RAW (CR2)'],
      ['pef', 'Pentax RAW (PEF)'],
      ['srw', 'Samsung RAW (SRW)'],
      ['orf', 'Olympus RAW (ORF)'],
      ['rw2', 'Panasonic RAW (RW2)'],
      ['nrw', 'Nikon RAW (NRW)'],
    ];
    for (const [extension, format] of cases) expect(tiffFlavour(header, extension), extension).toEqual(raw(format));
  });

  it('a cut DNG whose DNGVersion tag (the last) lies past the end is named by its extension, not called a TIFF', () => {
    const fields = [{ tag: 0x010f, value: 'Google' }, ...Array.from({ length: 12 }, (_, i) => ({ tag: 0x0200 + i, value: 1 })), { tag: 0xc612, value: 0x0104 }];
    const cut = tiffBytes(fields).subarray(0, 120);
    expect(tiffFlavour(cut, 'dng')).toEqual(raw('Adobe DNG (camera RAW)'));
    expect(tiffFlavour(cut, 'tif')).toEqual(TIFF);
  });

  it("without a RAW extension or Nikon's layout it stays a TIFF", () => {
    expect(tiffFlavour(bytesOf('II', le16(42), le32(4096)), 'tif')).toEqual(TIFF);
    expect(tiffFlavour(bytesOf('II', le16(42), le32(4096)))).toEqual(TIFF);
  });

  it('is not a TIFF at all without the header', () => {
    expect(tiffFlavour(bytesOf('IIRO', le32(8)), 'orf')).toBeNull();
    expect(tiffFlavour(bytesOf('II', le16(43), le16(8), le16(0)), 'nef')).toEqual({ format: 'BigTIFF', raw: false });
  });
});
