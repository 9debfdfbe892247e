/**
 * The bad-input matrix of issue 7, generated at test time from the shared photos (no binary
 * fixtures in the repository): every variant Chromium should decode, made with sharp, and the
 * files it cannot read (or that are not images at all), hand-written from their first bytes.
 * Each kind says what must happen to it: a result (with the photo's acceptable top-1 where the
 * variant keeps the photo recognisable), or an error whose message names the problem.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { be16, be32, bytesOf, ftypBytes, le16, le32, nefHead, tiffBytes } from '../src/shared/images/testBytes';
import { PHOTOS } from './support';

export type Outcome =
  /** A result; `photo` names the source photo whose acceptable top-1 it must get; `size` the reported size. */
  | { status: 'ok'; photo?: string; size?: string; portrait?: boolean }
  | { status: 'error'; message: RegExp }
  /** A truncated file: whatever the browser decodes, or an error saying the file is damaged. */
  | { status: 'ok-or-error'; message: RegExp };

export interface MatrixCase {
  kind: string;
  file: string;
  path: string;
  expected: Outcome;
}

const source = (name: string): Buffer => readFileSync(resolve(PHOTOS, name));

/** A 24-bit bottom-up BMP (BITMAPINFOHEADER), rows padded to 4 bytes. */
async function bmpOf(photo: string): Promise<Uint8Array> {
  const { data, info } = await sharp(source(photo)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rowSize = Math.ceil((info.width * 3) / 4) * 4;
  const pixels = new Uint8Array(rowSize * info.height);
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const from = (y * info.width + x) * 3;
      const to = (info.height - 1 - y) * rowSize + x * 3;
      pixels[to] = data[from + 2] ?? 0;
      pixels[to + 1] = data[from + 1] ?? 0;
      pixels[to + 2] = data[from] ?? 0;
    }
  }
  const header = bytesOf(
    'BM',
    le32(54 + pixels.length),
    le32(0),
    le32(54),
    le32(40),
    le32(info.width),
    le32(info.height),
    le16(1),
    le16(24),
    le32(0),
    le32(pixels.length),
    le32(2835),
    le32(2835),
    le32(0),
    le32(0),
  );
  return bytesOf(header, pixels);
}

/** An ICO whose one entry is a PNG (as Windows Vista+ icons are). */
async function icoOf(photo: string): Promise<Uint8Array> {
  const png = await sharp(source(photo)).resize(256, 256, { fit: 'fill' }).png().toBuffer();
  return bytesOf([0, 0, 1, 0], le16(1), [0, 0, 0, 0], le16(1), le16(32), le32(png.length), le32(22), png);
}

/** Two frames, photo A then photo B: the browser must show (and the app classify) the first. */
async function animatedGif(first: string, second: string): Promise<Buffer> {
  const frame = (photo: string) => sharp(source(photo)).resize(400, 300, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const frames = Buffer.concat([await frame(first), await frame(second)]);
  return sharp(frames, { raw: { width: 400, height: 600, channels: 3, pageHeight: 300 } })
    .gif({ delay: [500, 500], loop: 0 })
    .toBuffer();
}

/**
 * 20000×20000: a photo upscaled nearest-neighbour, so rows repeat and PNG's "up" filter turns
 * them into zeros that deflate to almost nothing.
 */
export async function hugePng(photo: string, side = 20000): Promise<Buffer> {
  return sharp(source(photo)).resize(side, side, { kernel: 'nearest', fit: 'fill' }).png({ adaptiveFiltering: true, compressionLevel: 6 }).toBuffer();
}

const junk = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

/** Hand-written starts of formats Chromium cannot read, padded with junk: only the first bytes matter. */
const unreadable: [kind: string, file: string, bytes: Uint8Array, message: RegExp][] = [
  [
    'HEIC (iPhone photo)',
    'IMG_0001.heic',
    bytesOf(ftypBytes('heic', ['mif1', 'heic']), be32(16), 'meta', junk(500)),
    /is a HEIC image; this browser cannot read HEIC/,
  ],
  ['PDF', 'scan.pdf', bytesOf('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n', junk(200)), /is a PDF document, not an image this browser can read/],
  [
    'camera RAW: Canon CR2',
    'IMG_1234.CR2',
    bytesOf('II', le16(42), le32(16), 'CR', [2, 0], le32(0), le16(0), le32(0), junk(400)),
    /Canon RAW \(CR2\) camera file; this browser cannot read camera RAW/,
  ],
  [
    'camera RAW: Canon CR3',
    'IMG_1235.CR3',
    bytesOf(ftypBytes('crx ', ['crx ', 'isom']), junk(400)),
    /Canon RAW \(CR3\) camera file; this browser cannot read camera RAW/,
  ],
  [
    'camera RAW: Nikon NEF',
    'DSC_0001.NEF',
    bytesOf(
      tiffBytes(
        [
          { tag: 0x00fe, value: 1 },
          { tag: 0x010f, value: 'NIKON CORPORATION' },
          { tag: 0x0110, value: 'NIKON D750' },
        ],
        false,
      ),
      junk(400),
    ),
    /Nikon RAW \(NEF\) camera file; this browser cannot read camera RAW/,
  ],
  // Issue 16: the first directory runs past these 128 bytes, so the name (and Nikon's layout) say NEF.
  [
    'camera RAW: Nikon NEF, its 128-byte head',
    'DSC_0002.NEF',
    nefHead(),
    /"DSC_0002\.NEF" is a Nikon RAW \(NEF\) camera file; this browser cannot read camera RAW/,
  ],
  [
    'camera RAW: Adobe DNG',
    'PXL_0001.dng',
    bytesOf(
      tiffBytes([
        { tag: 0x010f, value: 'Google' },
        { tag: 0xc612, value: 0x0104 },
      ]),
      junk(400),
    ),
    /"PXL_0001\.dng" is an Adobe DNG \(camera RAW\) camera file; this browser cannot read camera RAW/,
  ],
  [
    'Photoshop PSD',
    'layers.psd',
    bytesOf('8BPS', be16(1), [0, 0, 0, 0, 0, 0], be16(3), be32(100), be32(100), be16(8), be16(3), junk(300)),
    /is a Photoshop \(PSD\) image; this browser cannot read Photoshop \(PSD\)/,
  ],
  ['JPEG XL', 'photo.jxl', bytesOf([0xff, 0x0a], junk(300)), /is a JPEG XL image; this browser cannot read JPEG XL/],
  [
    'text named .jpg',
    'notes.jpg',
    new TextEncoder().encode('this is not a JPEG, just text with the wrong name\n'),
    /"notes\.jpg" is not an image: it is a text file/,
  ],
  [
    'ZIP named .png',
    'holiday.png',
    bytesOf('PK\x03\x04', le16(20), le16(0), le16(0), le32(0), le32(0), le32(5), le32(5), le16(5), le16(0), 'a.txt', 'hello'),
    /"holiday\.png" is not an image: it is a ZIP archive/,
  ],
  ['unknown binary named .jpg', 'mystery.jpg', bytesOf([0x13, 0x37, 0x00, 0x42], junk(500)), /"mystery\.jpg" is not an image this browser can read/],
  ['empty file', 'empty.png', new Uint8Array(0), /"empty\.png" is empty \(0 bytes\)/],
];

/** Writes every case to a fresh temporary folder; returns them in drop order, good photos mixed in. */
export async function buildMatrix(): Promise<{ cases: MatrixCase[]; folder: string; hugeMs: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'lumen-bad-input-'));
  const cases: MatrixCase[] = [];
  const add = (kind: string, file: string, bytes: Uint8Array | Buffer, expected: Outcome): void => {
    const path = join(folder, file);
    writeFileSync(path, bytes);
    cases.push({ kind, file, path, expected });
  };
  const parrot = source('parrot.jpg');
  const chelsea = source('chelsea.png');
  const coffee = source('coffee.png');

  add('good photo: PNG', 'chelsea.png', chelsea, { status: 'ok', photo: 'chelsea.png', size: '451×300' });
  add('JPEG, CMYK', 'parrot-cmyk.jpg', await sharp(parrot).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer(), { status: 'ok', photo: 'parrot.jpg' });
  // Pixels stored turned a quarter left, EXIF orientation 6 turns them back: shown (and reported) upright.
  add('JPEG, EXIF orientation 6', 'parrot-rotated.jpg', await sharp(parrot).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer(), {
    status: 'ok',
    photo: 'parrot.jpg',
    size: '512×929',
    portrait: true,
  });
  // The same, large enough for the bounded decode: the header's size must be turned before the resize.
  // (Two sharp passes: in one, sharp rotates before it resizes.)
  const largeParrot = await sharp(parrot).resize(1200, 2178).toBuffer();
  const largeRotated = await sharp(largeParrot).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
  add('JPEG, EXIF orientation 6, 1200×2178 (bounded decode)', 'parrot-rotated-large.jpg', largeRotated, {
    status: 'ok',
    photo: 'parrot.jpg',
    size: '1200×2178',
    portrait: true,
  });
  add('JPEG, progressive', 'coffee-progressive.jpg', await sharp(coffee).jpeg({ progressive: true, quality: 90 }).toBuffer(), {
    status: 'ok',
    photo: 'coffee.png',
  });
  // PNG's eXIf orientation is honoured by Chromium too; large, so the header's size must be turned.
  const largeCat = await sharp(chelsea).resize(1804, 1200).toBuffer();
  const catOnItsSide = await sharp(largeCat).rotate(-90).withMetadata({ orientation: 6 }).png().toBuffer();
  add('PNG, eXIf orientation 6, 1804×1200 (bounded decode)', 'chelsea-rotated-large.png', catOnItsSide, {
    status: 'ok',
    photo: 'chelsea.png',
    size: '1804×1200',
  });
  add('PNG, 16-bit', 'chelsea-16bit.png', await sharp(chelsea).toColourspace('rgb16').png().toBuffer(), { status: 'ok', photo: 'chelsea.png' });
  add('PNG, indexed (palette)', 'coffee-palette.png', await sharp(coffee).png({ palette: true, colours: 64 }).toBuffer(), {
    status: 'ok',
    photo: 'coffee.png',
  });
  add('PNG, greyscale', 'chelsea-grey.png', await sharp(chelsea).greyscale().png().toBuffer(), { status: 'ok', photo: 'chelsea.png' });
  add('PNG, with alpha', 'coffee-alpha.png', await sharp(coffee).ensureAlpha(0.8).png().toBuffer(), { status: 'ok', photo: 'coffee.png' });
  add('WebP', 'chelsea.webp', await sharp(chelsea).webp({ quality: 85 }).toBuffer(), { status: 'ok', photo: 'chelsea.png' });
  add('GIF, animated (first frame is the cat)', 'cat-then-coffee.gif', await animatedGif('chelsea.png', 'coffee.png'), { status: 'ok', photo: 'chelsea.png' });
  add('BMP, 24-bit', 'chelsea.bmp', await bmpOf('chelsea.png'), { status: 'ok', photo: 'chelsea.png', size: '451×300' });
  add('ICO wrapping a PNG', 'coffee.ico', await icoOf('coffee.png'), { status: 'ok', photo: 'coffee.png', size: '256×256' });
  add('AVIF', 'coffee.avif', await sharp(coffee).avif({ quality: 60 }).toBuffer(), { status: 'ok', photo: 'coffee.png' });
  add('good photo: JPEG', 'parrot.jpg', parrot, { status: 'ok', photo: 'parrot.jpg', size: '512×929' });
  // The page rasterises SVGs before they reach the worker; this checks the whole path.
  add(
    'SVG (rasterised by the page)',
    'drawing.svg',
    new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#4a8"/><circle cx="150" cy="100" r="70" fill="#e33"/></svg>',
    ),
    { status: 'ok' },
  );
  // A real JPEG XL (32×24 gradient, lossless, made with libjxl's cjxl 0.7): Chromium 156 decodes it,
  // so it must come back as an image however the format table words JPEG XL (issue 16).
  add(
    'JPEG XL, real',
    'gradient.jxl',
    Buffer.from(
      '/wrFQEBxIQgCAQCUAUsoMd08q4erwkJBQUlAxIianBgnxh8IL1wCOGwEAAQIAQYA2vP2AAHwIqX//x/oCQAAAADIGpcxIvTu4z5fZHH2oZFSubGMDl2lpCnlk35p7TFDDfzpiYrH/3//////i/wpkbAD',
      'base64',
    ),
    { status: 'ok', size: '32×24' },
  );
  add('TIFF', 'chelsea.tiff', await sharp(chelsea).tiff().toBuffer(), { status: 'error', message: /is a TIFF image; this browser cannot read TIFF/ });
  for (const [kind, file, bytes, message] of unreadable) add(kind, file, bytes, { status: 'error', message });
  add('JPEG truncated at 40 %', 'parrot-truncated.jpg', parrot.subarray(0, Math.round(parrot.length * 0.4)), {
    status: 'ok-or-error',
    message: /starts like a JPEG image but could not be decoded: the file is damaged or incomplete/,
  });
  add('PNG truncated at 40 %', 'coffee-truncated.png', coffee.subarray(0, Math.round(coffee.length * 0.4)), {
    status: 'ok-or-error',
    message: /starts like a PNG image but could not be decoded: the file is damaged or incomplete/,
  });
  add('good photo: PNG (2)', 'coffee.png', coffee, { status: 'ok', photo: 'coffee.png', size: '600×400' });
  const started = performance.now();
  add('PNG 20000×20000', 'chelsea-20000.png', await hugePng('chelsea.png'), { status: 'ok', photo: 'chelsea.png', size: '20000×20000' });
  add('PNG 40000×40000 (beyond the browser)', 'black-40000.png', await blankPng(40000), {
    status: 'error',
    message: /"black-40000\.png" is a 40000×40000 PNG \(1600 megapixels\); this browser could not decode an image that large/,
  });
  return { cases, folder, hugeMs: performance.now() - started };
}

/**
 * A valid black greyscale PNG of side×side pixels, deflated as a stream (all-zero rows compress
 * about 1000:1): 40000×40000 is beyond what Chromium decodes (it refuses it at once), 1.6 MB on disk.
 */
export async function blankPng(side: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolveEnd, reject) => {
    deflate.on('end', resolveEnd);
    deflate.on('error', reject);
  });
  const row = Buffer.alloc(1 + side); // filter byte 0, then black pixels
  for (let y = 0; y < side; y += 1) if (!deflate.write(row)) await new Promise((resolveDrain) => deflate.once('drain', resolveDrain));
  deflate.end();
  await ended;
  const chunk = (type: string, data: Buffer): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([Buffer.from(be32(data.length)), typed, Buffer.from(be32(crc32(typed)))]);
  };
  const header = Buffer.concat([Buffer.from(be32(side)), Buffer.from(be32(side)), Buffer.from([8, 0, 0, 0, 0])]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', Buffer.concat(parts)), chunk('IEND', Buffer.alloc(0))]);
}
