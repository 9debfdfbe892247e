import { describe, expect, it } from 'vitest';
import { decodeFailure, emptyFile, formatProblem } from './formatMessages';
import { sniffFormat } from './imageFormat';
import { bytesOf, ftypBytes, jpegBytes, nefHead, tiffBytes } from './testBytes';

describe('formatProblem', () => {
  it('lets decodable and unknown files through to the browser', () => {
    expect(formatProblem('a.jpg', sniffFormat(jpegBytes(10, 10)))).toBeNull();
    expect(formatProblem('a.bin', { kind: 'unknown' })).toBeNull();
  });
  it('names an unreadable image format and says this browser cannot read it', () => {
    const problem = formatProblem('IMG_0001.jpg', sniffFormat(ftypBytes('heic', ['mif1'])));
    expect(problem).toEqual({
      code: 'unsupported-format',
      message: '"IMG_0001.jpg" is a HEIC image; this browser cannot read HEIC. Convert it to JPEG or PNG first.',
    });
    expect(formatProblem('scan.png', sniffFormat(tiffBytes([]).subarray(0, 8)))?.message).toMatch(/is a TIFF image; this browser cannot read TIFF/);
  });
  it('says a camera RAW file is one, with its maker and format', () => {
    const nef = sniffFormat(tiffBytes([{ tag: 0x010f, value: 'NIKON CORPORATION' }]));
    expect(formatProblem('DSC_1.NEF', nef)?.message).toBe(
      '"DSC_1.NEF" is a Nikon RAW (NEF) camera file; this browser cannot read camera RAW files. Export it as JPEG or PNG first.',
    );
  });
  it('names the 128-byte head of a NEF by its maker, not "a TIFF image"', () => {
    expect(formatProblem('DSC_0001.NEF', sniffFormat(nefHead(), 'DSC_0001.NEF'))?.message).toBe(
      '"DSC_0001.NEF" is a Nikon RAW (NEF) camera file; this browser cannot read camera RAW files. Export it as JPEG or PNG first.',
    );
  });
  it('uses "an" before a vowel', () => {
    const dng = sniffFormat(tiffBytes([{ tag: 0xc612, value: 0x0104 }]));
    expect(formatProblem('a.dng', dng)?.message).toMatch(/^"a.dng" is an Adobe DNG \(camera RAW\) camera file;/);
  });
  it('says a non-image is not an image, and what it is', () => {
    expect(formatProblem('notes.jpg', sniffFormat(new TextEncoder().encode('hello world')))).toEqual({
      code: 'unsupported-format',
      message: '"notes.jpg" is not an image: it is a text file.',
    });
    expect(formatProblem('photos.png', sniffFormat(bytesOf('PK\x03\x04')))?.message).toBe('"photos.png" is not an image: it is a ZIP archive.');
  });
  it('explains an SVG that reached the worker unrasterised', () => {
    expect(formatProblem('logo.svg', { kind: 'svg' })?.message).toMatch(/"logo.svg" is an SVG drawing.*rasterised/);
  });
});

describe('decodeFailure', () => {
  it('a damaged file of a known format says so', () => {
    expect(decodeFailure('cut.jpg', { kind: 'decodable', format: 'JPEG' }, { width: 640, height: 480 })).toEqual({
      code: 'decode-failed',
      message: '"cut.jpg" starts like a JPEG image but could not be decoded: the file is damaged or incomplete.',
    });
  });
  it('a huge image the browser could not decode names its size', () => {
    expect(decodeFailure('big.png', { kind: 'decodable', format: 'PNG' }, { width: 60000, height: 60000 }).message).toBe(
      '"big.png" is a 60000×60000 PNG (3600 megapixels); this browser could not decode an image that large.',
    );
  });
  it('an unknown binary the browser could not decode is not an image it can read', () => {
    expect(decodeFailure('x.dat', { kind: 'unknown' }, null)).toMatchObject({
      code: 'unsupported-format',
      message: expect.stringMatching(/"x.dat" is not an image this browser can read/),
    });
  });
  it('a file of a format the browser was asked about and could not decode is named, in the same words', () => {
    const jxl = sniffFormat(bytesOf([0xff, 0x0a, 0xfa]));
    expect(decodeFailure('photo.jxl', jxl, null)).toEqual(formatProblem('photo.jxl', jxl));
    expect(decodeFailure('photo.jxl', jxl, null).message).toBe(
      '"photo.jxl" is a JPEG XL image; this browser cannot read JPEG XL. Convert it to JPEG or PNG first.',
    );
    expect(decodeFailure('IMG_1.CR3', sniffFormat(ftypBytes('crx ', ['crx '])), null).message).toMatch(/is a Canon RAW \(CR3\) camera file/);
    expect(decodeFailure('logo.svg', { kind: 'svg' }, null).message).toMatch(/is an SVG drawing/);
  });
  it('an empty file', () => {
    expect(emptyFile('zero.png').message).toBe('"zero.png" is empty (0 bytes): there is no image in it.');
  });
});
