import { describe, expect, it } from 'vitest';
import { avifSize, bmpSize, gifSize, headerSize, jpegSize, pngSize, webpSize } from './headerSize';
import { be16, be32, bytesOf, ftypBytes, ispeBox, jpegBytes, le16, le32, tiffBytes } from './testBytes';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('jpegSize', () => {
  it('reads the frame header after other segments', () => {
    expect(jpegSize(jpegBytes(4032, 3024))).toEqual({ width: 4032, height: 3024 });
  });
  it('swaps width and height for EXIF orientations 5–8 (the size the browser shows)', () => {
    expect(jpegSize(jpegBytes(4032, 3024, 6))).toEqual({ width: 3024, height: 4032 });
    expect(jpegSize(jpegBytes(4032, 3024, 8))).toEqual({ width: 3024, height: 4032 });
    expect(jpegSize(jpegBytes(4032, 3024, 3))).toEqual({ width: 4032, height: 3024 });
    expect(jpegSize(jpegBytes(4032, 3024, 1))).toEqual({ width: 4032, height: 3024 });
  });
  it('reads a progressive frame (SOF2) and skips fill bytes', () => {
    const bytes = bytesOf([0xff, 0xd8, 0xff, 0xff, 0xc2], be16(17), [8], be16(300), be16(451), [3]);
    expect(jpegSize(bytes)).toEqual({ width: 451, height: 300 });
  });
  it('is null when the frame header lies beyond the bytes given, or scan data comes first', () => {
    const full = jpegBytes(640, 480, 6);
    expect(jpegSize(full.subarray(0, full.length - 16))).toBeNull();
    expect(jpegSize(bytesOf([0xff, 0xd8, 0xff, 0xda], be16(8)))).toBeNull();
    expect(jpegSize(bytesOf([0xff, 0xd8, 0x00, 0x00]))).toBeNull();
  });
});

describe('other formats', () => {
  it('PNG: IHDR', () => {
    expect(pngSize(bytesOf(PNG, be32(13), 'IHDR', be32(20000), be32(15000)))).toEqual({ width: 20000, height: 15000 });
    expect(pngSize(bytesOf(PNG, be32(13), 'IHDR', be32(0), be32(10)))).toBeNull();
  });
  it('PNG: an eXIf chunk before the image data with orientation 6 swaps the sides', () => {
    const ihdr = bytesOf(be32(13), 'IHDR', be32(4000), be32(3000), [8, 2, 0, 0, 0], be32(0));
    const exif = tiffBytes([{ tag: 0x0112, value: 6 }]);
    const exifChunk = bytesOf(be32(exif.length), 'eXIf', exif, be32(0));
    const idat = bytesOf(be32(2), 'IDAT', [0, 0], be32(0));
    expect(pngSize(bytesOf(PNG, ihdr, exifChunk, idat))).toEqual({ width: 3000, height: 4000 });
    // Only chunks before the image data are read.
    expect(pngSize(bytesOf(PNG, ihdr, idat, exifChunk))).toEqual({ width: 4000, height: 3000 });
  });
  it('GIF: logical screen', () => {
    expect(gifSize(bytesOf('GIF89a', le16(500), le16(333)))).toEqual({ width: 500, height: 333 });
  });
  it('BMP: info header (top-down rows have a negative height) and the old core header', () => {
    const info = (h: number) => bytesOf('BM', le32(0), le32(0), le32(54), le32(40), le32(640), le32(h >>> 0));
    expect(bmpSize(info(480))).toEqual({ width: 640, height: 480 });
    expect(bmpSize(info(-480))).toEqual({ width: 640, height: 480 });
    expect(bmpSize(bytesOf('BM', le32(0), le32(0), le32(26), le32(12), le16(64), le16(32)))).toEqual({ width: 64, height: 32 });
  });
  it('WebP: lossy, lossless and extended', () => {
    const riff = (chunk: string, ...rest: number[][]) => bytesOf('RIFF', le32(0), 'WEBP', chunk, le32(0), ...rest);
    expect(webpSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a], le16(1920), le16(1080)))).toEqual({ width: 1920, height: 1080 });
    const bits = (1000 - 1) | ((700 - 1) << 14);
    expect(webpSize(riff('VP8L', [0x2f], le32(bits)))).toEqual({ width: 1000, height: 700 });
    expect(webpSize(riff('VP8X', [0x10, 0, 0, 0], [0x1f, 0x4e, 0], [0x1f, 0x4e, 0]))).toEqual({ width: 20000, height: 20000 });
  });
  it('AVIF: the largest ispe (not a tile or thumbnail), turned by irot', () => {
    const tiles = bytesOf(ftypBytes('avif', ['mif1']), ispeBox(512, 512), ispeBox(8000, 6000), ispeBox(160, 120));
    expect(avifSize(tiles)).toEqual({ width: 8000, height: 6000 });
    const turned = bytesOf(ftypBytes('avif'), ispeBox(8000, 6000), be32(9), 'irot', [1]);
    expect(avifSize(turned)).toEqual({ width: 6000, height: 8000 });
    expect(avifSize(ftypBytes('avif'))).toBeNull();
  });
  it('ICO and CUR: unknown before decoding (the browser picks an entry)', () => {
    expect(headerSize(bytesOf([0, 0, 1, 0], le16(1), [0, 0]), 'ICO')).toBeNull();
  });
  it('headerSize dispatches on the sniffed format', () => {
    expect(headerSize(jpegBytes(10, 20), 'JPEG')).toEqual({ width: 10, height: 20 });
    expect(headerSize(bytesOf('GIF89a', le16(3), le16(4)), 'GIF')).toEqual({ width: 3, height: 4 });
  });
});
