import { describe, expect, it } from 'vitest';
import { createOffThreadDecoding, type DecodePort } from './decodeOffThread';
import { ImageDecodeError } from './decode';
import type { DecodeAnswer, DecodeJob } from './decodeMessages';
import type { DecodedImage, Decoder } from '@/engine/worker/predict';
import type { ImageInput } from '@/engine/shared/protocol';

/** A fake decode worker: records jobs; the test answers them. */
function fakePort() {
  const jobs: DecodeJob[] = [];
  const port: DecodePort & { answer(a: DecodeAnswer): void; die(): void } = {
    onmessage: null,
    onerror: null,
    postMessage: (job) => void jobs.push(job),
    terminate: () => undefined,
    answer: (a) => port.onmessage?.({ data: a }),
    die: () => port.onerror?.(),
  };
  return { port, jobs };
}

const blob = (name: string): ImageInput => ({ name, kind: 'blob', blob: new Blob(['x']) });
const hereCalls: string[] = [];
const here = (): Decoder => async (input) => {
  hereCalls.push(input.name);
  return {
    pixels: { data: new Uint8Array(4), width: 1, height: 1 },
    width: 1,
    height: 1,
    format: null,
    downscaled: false,
    close: () => undefined,
  } satisfies DecodedImage;
};
const bound = { maxSide: 896, inputSize: [224, 160] as const };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('off-thread decoding', () => {
  it('sends a file to the decode worker and resolves with its pixels, then its thumbnail', async () => {
    const { port, jobs } = fakePort();
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    const pending = decode(blob('cat.jpg'));
    expect(jobs).toMatchObject([{ id: 1, name: 'cat.jpg', maxSide: 896, inputSize: [224, 160] }]);
    port.answer({
      id: 1,
      kind: 'pixels',
      data: new Float32Array(160 * 224 * 3),
      pixelWidth: 160,
      pixelHeight: 224,
      width: 4000,
      height: 6000,
      format: 'JPEG',
      downscaled: true,
    });
    const image = await pending;
    expect(image).toMatchObject({ width: 4000, height: 6000, format: 'JPEG', downscaled: true, pixels: { kind: 'float-rgb', width: 160, height: 224 } });
    const thumb = new Blob(['t'], { type: 'image/webp' });
    port.answer({ id: 1, kind: 'thumbnail', thumbnail: thumb });
    await expect(image.thumbnail?.()).resolves.toBe(thumb);
  });

  it('turns a decode failure into an ImageDecodeError that keeps the code, message and format', async () => {
    const { port } = fakePort();
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    const pending = decode(blob('broken.heic'));
    port.answer({
      id: 1,
      kind: 'error',
      error: { name: 'ImageDecodeError', code: 'decode-failed', message: '"broken.heic" is a HEIC image; this browser cannot decode it.' },
      format: 'HEIC',
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect(error).toMatchObject({ code: 'decode-failed', format: 'HEIC', message: expect.stringContaining('HEIC image') });
  });

  it('when the decode worker dies, the files it held and later ones decode on this thread: none is lost', async () => {
    hereCalls.length = 0;
    const { port, jobs } = fakePort();
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    const delivered = decode(blob('a.jpg'));
    port.answer({
      id: 1,
      kind: 'pixels',
      data: new Float32Array(3),
      pixelWidth: 1,
      pixelHeight: 1,
      width: 1,
      height: 1,
      format: 'JPEG',
      downscaled: false,
    });
    const first = await delivered;
    const held = decode(blob('b.jpg'));
    port.die();
    await expect(held).resolves.toMatchObject({ width: 1, height: 1 });
    await expect(first.thumbnail?.()).resolves.toBeNull();
    await decode(blob('c.jpg'));
    expect(jobs.map((j) => j.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(hereCalls).toEqual(['b.jpg', 'c.jpg']);
  });

  it('decodes here where no decode worker can start, and always for bitmap inputs', async () => {
    hereCalls.length = 0;
    const none = createOffThreadDecoding({ spawn: () => null, here })(bound);
    await none(blob('c.jpg'));
    const { port, jobs } = fakePort();
    const some = createOffThreadDecoding({ spawn: () => port, here })(bound);
    await some({ name: 'frame', kind: 'bitmap', bitmap: {} as ImageBitmap });
    await flush();
    expect(hereCalls).toEqual(['c.jpg', 'frame']);
    expect(jobs).toEqual([]);
  });
});
