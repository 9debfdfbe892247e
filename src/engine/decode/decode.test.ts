import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBounded, ImageDecodeError } from './decode';
import { DEFAULT_MAX_SIDE } from '@/shared/images/boundedSize';
import { bytesOf, ftypBytes, jpegBytes, nefHead } from '@/shared/images/testBytes';

/** What the fake decoder was asked: the source (a file, or a bitmap being downscaled) and its options. */
interface DecodeCall {
  source: unknown;
  options: ImageBitmapOptions | undefined;
}

const fakeBitmap = (width: number, height: number): ImageBitmap => ({ width, height, close: vi.fn() }) as unknown as ImageBitmap;

/**
 * Stands in for the browser's createImageBitmap: a file decodes to `decoded` (or fails when it is
 * null); a bitmap being resized comes back at the size asked for.
 */
function fakeDecoder(decoded: { width: number; height: number } | null): DecodeCall[] {
  const calls: DecodeCall[] = [];
  vi.stubGlobal('createImageBitmap', async (source: unknown, options?: ImageBitmapOptions) => {
    calls.push({ source, options });
    if (source instanceof Blob) {
      if (!decoded) throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
      return fakeBitmap(options?.resizeWidth ?? decoded.width, options?.resizeHeight ?? decoded.height);
    }
    return fakeBitmap(options?.resizeWidth ?? 0, options?.resizeHeight ?? 0);
  });
  return calls;
}

const file = (name: string, bytes: Uint8Array) => ({ kind: 'blob' as const, name, blob: new Blob([bytes.slice()]) });

/** Runs the decode and returns the refusal it threw. */
async function refusal(name: string, bytes: Uint8Array): Promise<ImageDecodeError> {
  const error: unknown = await decodeBounded(file(name, bytes)).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ImageDecodeError)) throw new Error(`expected an ImageDecodeError, got ${String(error)}`);
  return error;
}

const JXL = bytesOf([0xff, 0x0a, 0xfa, 0x1f], new Uint8Array(200));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('decodeBounded asks the browser before the format table', () => {
  it('a JPEG XL the browser decodes is an image, named JPEG XL, not a refusal', async () => {
    const calls = fakeDecoder({ width: 800, height: 600 });
    const image = await decodeBounded(file('photo.jxl', JXL));
    expect(image).toMatchObject({ width: 800, height: 600, format: 'JPEG XL', downscaled: false });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.source).toBeInstanceOf(Blob);
  });

  it('so is a HEIC, and a camera RAW the browser happens to read', async () => {
    fakeDecoder({ width: 640, height: 480 });
    expect((await decodeBounded(file('IMG_0001.heic', ftypBytes('heic', ['mif1', 'heic'])))).format).toBe('HEIC');
    expect((await decodeBounded(file('DSC_0001.NEF', nefHead()))).format).toBe('Nikon RAW (NEF)');
  });

  it('a large image of a format whose size the header parse does not read is decoded, then brought within the bound', async () => {
    const calls = fakeDecoder({ width: 8000, height: 6000 });
    const image = await decodeBounded(file('big.jxl', JXL));
    expect(image).toMatchObject({ width: 8000, height: 6000, format: 'JPEG XL', downscaled: true });
    expect(Math.max(image.bitmap.width, image.bitmap.height)).toBe(DEFAULT_MAX_SIDE);
    expect(calls.length).toBeGreaterThan(1); // the full decode, then the stages down
  });

  it('a large JPEG is still decoded straight to its bounded size', async () => {
    const calls = fakeDecoder({ width: 4000, height: 3000 });
    const image = await decodeBounded(file('big.jpg', jpegBytes(4000, 3000)));
    expect(image).toMatchObject({ width: 4000, height: 3000, format: 'JPEG', downscaled: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.options).toMatchObject({ resizeWidth: DEFAULT_MAX_SIDE, resizeHeight: 768 });
  });
});

describe('decodeBounded names the format only when the browser fails', () => {
  it('a JPEG XL this browser cannot read', async () => {
    const calls = fakeDecoder(null);
    const error = await refusal('photo.jxl', JXL);
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'unsupported-format', format: 'JPEG XL' });
    expect(error.message).toBe('"photo.jxl" is a JPEG XL image; this browser cannot read JPEG XL. Convert it to JPEG or PNG first.');
  });

  it('the 128-byte head of a NEF is a Nikon RAW, not "a TIFF image"', async () => {
    fakeDecoder(null);
    const error = await refusal('DSC_0001.NEF', nefHead());
    expect(error.format).toBe('Nikon RAW (NEF)');
    expect(error.message).toBe('"DSC_0001.NEF" is a Nikon RAW (NEF) camera file; this browser cannot read camera RAW files. Export it as JPEG or PNG first.');
  });

  it('a damaged JPEG says so', async () => {
    fakeDecoder(null);
    const error = await refusal('cut.jpg', jpegBytes(640, 480));
    expect(error).toMatchObject({ code: 'decode-failed', format: 'JPEG' });
    expect(error.message).toMatch(/starts like a JPEG image but could not be decoded/);
  });

  it('a file that is certainly not an image never reaches the decoder', async () => {
    const calls = fakeDecoder({ width: 10, height: 10 });
    const zip = await refusal('holiday.png', bytesOf('PK\x03\x04', new Uint8Array(30)));
    const pdf = await refusal('scan.pdf', bytesOf('%PDF-1.4\n', new Uint8Array(30)));
    expect(calls).toHaveLength(0);
    expect(zip.message).toBe('"holiday.png" is not an image: it is a ZIP archive.');
    expect(pdf.message).toMatch(/is a PDF document, not an image this browser can read/);
  });

  it('an empty file', async () => {
    const calls = fakeDecoder({ width: 10, height: 10 });
    expect((await refusal('empty.png', new Uint8Array(0))).message).toMatch(/is empty \(0 bytes\)/);
    expect(calls).toHaveLength(0);
  });
});
