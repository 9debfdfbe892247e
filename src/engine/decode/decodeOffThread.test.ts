import { describe, expect, it, vi } from 'vitest';
import { createOffThreadDecoding, type DecodePort } from './decodeOffThread';
import { ImageDecodeError } from './decode';
import type { DecodeEvent, DecodeJob } from './decodeMessages';
import type { DecodedImage, Decoder } from '@/engine/worker/predict';
import type { ImageInput } from '@/engine/shared/types';

/** A fake decode worker: records jobs; the test answers them. */
function fakePort() {
  const jobs: DecodeJob[] = [];
  const port: DecodePort & { answer(a: DecodeEvent): void; die(): void } = {
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

/** A fake of the life-lock watch: `release(name)` is the worker's lock let go (it died, however). */
function fakeLocks() {
  const watchers = new Map<string, () => void>();
  return {
    watchLife: (name: string, onDeath: () => void) => void watchers.set(name, onDeath),
    watched: () => [...watchers.keys()],
    release: (name: string) => watchers.get(name)?.(),
  };
}

/** A spawn that notes the life-lock name each decode worker was given. */
const spawnRecording = (names: string[], port: DecodePort) => (name: string) => {
  names.push(name);
  return port;
};

/** Whether a promise has settled yet, read without awaiting it (so a pending one fails fast in vi.waitFor). */
function track<T>(promise: Promise<T>) {
  const state = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const pixelsFor = (id: number): DecodeEvent => ({
  id,
  kind: 'pixels',
  data: new Float32Array(3),
  pixelWidth: 1,
  pixelHeight: 1,
  width: 10,
  height: 20,
  format: 'JPEG',
  downscaled: false,
});

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
    expect(hereCalls).toEqual(['c.jpg', 'frame']);
    expect(jobs).toEqual([]);
  });

  it('a decode worker that dies silently (its life lock released, no error event) loses no image and leaves nothing pending', async () => {
    hereCalls.length = 0;
    const { port, jobs } = fakePort();
    const locks = fakeLocks();
    const names: string[] = [];
    const decode = createOffThreadDecoding({ spawn: spawnRecording(names, port), here, watchLife: locks.watchLife })(bound);
    const delivered = decode(blob('a.jpg'));
    expect(locks.watched()).toEqual([]); // not watched before it holds its lock
    port.answer({ kind: 'alive' });
    expect(locks.watched()).toEqual(names);
    port.answer(pixelsFor(1));
    const first = await delivered;
    const thumbnail = track(first.thumbnail?.() ?? Promise.reject(new Error('no thumbnail')));
    const held = [track(decode(blob('b.jpg'))), track(decode(blob('c.jpg')))];
    expect(jobs.map((j) => j.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(held.some((h) => h.settled)).toBe(false);

    locks.release(names[0] ?? '');

    await vi.waitFor(() => expect([thumbnail, ...held].every((h) => h.settled)).toBe(true));
    expect(thumbnail.value).toBeNull();
    expect(held.map((h) => h.value)).toMatchObject([{ width: 1 }, { width: 1 }]);
    expect(hereCalls).toEqual(['b.jpg', 'c.jpg']);
    await decode(blob('d.jpg')); // and from now on on this thread
    expect(jobs).toHaveLength(3);
    expect(hereCalls).toEqual(['b.jpg', 'c.jpg', 'd.jpg']);
  });

  it("an 'error' after the pixels settles the thumbnail (none) and leaves the image standing", async () => {
    const { port } = fakePort();
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    const pending = decode(blob('a.png'));
    port.answer(pixelsFor(1));
    const image = await pending;
    const thumbnail = track(image.thumbnail?.() ?? Promise.reject(new Error('no thumbnail')));
    port.answer({ id: 1, kind: 'error', error: { name: 'EncodingError', code: 'internal', message: 'could not encode' }, format: 'PNG' });
    await vi.waitFor(() => expect(thumbnail.settled).toBe(true));
    expect(thumbnail.value).toBeNull();
    expect(thumbnail.error).toBeUndefined();
  });

  it('an answer that cannot be read (messageerror) sends what the worker held to this thread', async () => {
    hereCalls.length = 0;
    const { port } = fakePort();
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    const held = track(decode(blob('e.jpg')));
    port.onmessageerror?.();
    await vi.waitFor(() => expect(held.settled).toBe(true));
    expect(held.value).toMatchObject({ width: 1 });
    expect(hereCalls).toEqual(['e.jpg']);
  });

  it('a job that cannot be posted decodes here instead of waiting forever', async () => {
    hereCalls.length = 0;
    const { port } = fakePort();
    port.postMessage = () => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    };
    const decode = createOffThreadDecoding({ spawn: () => port, here })(bound);
    await expect(decode(blob('f.jpg'))).resolves.toMatchObject({ width: 1 });
    expect(hereCalls).toEqual(['f.jpg']);
  });

  it('a second death report for the same worker changes nothing', async () => {
    hereCalls.length = 0;
    const { port } = fakePort();
    const locks = fakeLocks();
    const names: string[] = [];
    let terminated = 0;
    port.terminate = () => void (terminated += 1);
    const decode = createOffThreadDecoding({ spawn: spawnRecording(names, port), here, watchLife: locks.watchLife })(bound);
    const held = decode(blob('g.jpg'));
    port.answer({ kind: 'alive' });
    port.die();
    locks.release(names[0] ?? '');
    await expect(held).resolves.toMatchObject({ width: 1 });
    expect(terminated).toBe(1);
    expect(hereCalls).toEqual(['g.jpg']);
  });
});
