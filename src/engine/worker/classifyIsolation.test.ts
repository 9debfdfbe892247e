/**
 * classifyImages' failure isolation with a fake batch inference (no TF.js): out-of-memory batches
 * are halved and the request goes on in smaller batches, an image that fails by itself is the
 * only error, and cancellation stops everything at once.
 */
import { describe, expect, it } from 'vitest';
import { classifyImages, type BatchInfer, type Decoder } from './predict';
import { LumenError } from '@/shared/errors';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { ImageInput, Notice } from '@/engine/shared/types';
import { fakeLabels, fakeSpec } from './testing/fakeClassifier';

const spec = fakeSpec;
const labels = fakeLabels;

/** Each image's "pixels" hold its class number; it reports a 5000×3000 JPEG decoded at a bound. */
const decode: Decoder = async (input) => {
  const level = input.kind === 'blob' ? Number(await input.blob.text()) : 0;
  return {
    pixels: { width: 1, height: 1, data: Uint8Array.of(level, level, level) },
    width: 5000,
    height: 3000,
    format: 'JPEG',
    downscaled: true,
    thumbnail: async () => new Blob(['thumb'], { type: 'image/webp' }),
    close: () => undefined,
  };
};

const image = (level: number): ImageInput => ({ name: `img${level}.jpg`, kind: 'blob', blob: new Blob([String(level)]) });

/** A fake model: the top class of each image is its level. */
const answer: BatchInfer = async (pixels) => ({
  rows: pixels.map((p) => {
    const row = new Float32Array(1000);
    row[(p as { data: Uint8Array }).data[0] ?? 0] = 1;
    return row;
  }),
  preprocessMs: 1,
  batchMs: 2,
});

async function classify(images: ImageInput[], batchSize: number, infer: BatchInfer, isCancelled: () => boolean = () => false) {
  const items = new Map<number, ClassifyItem>();
  const notices: Notice[] = [];
  const sizes: number[] = [];
  const outcome = await classifyImages(
    { spec, labels },
    { model: spec, k: 1, images, batchSize },
    { onItem: (i, item) => items.set(i, item), onProgress: () => undefined, isCancelled, onNotice: (n) => notices.push(n) },
    {
      decode,
      infer: (pixels) => {
        sizes.push(pixels.length);
        return infer(pixels);
      },
    },
  ).catch((error: unknown) => error);
  return { items, notices, sizes, outcome };
}

const top1 = (item: ClassifyItem | undefined): number | null => (item?.status === 'ok' ? (item.predictions[0]?.classIndex ?? null) : null);

describe('classifyImages isolation', () => {
  it('splits out-of-memory batches, tells why, and runs the rest of the request in smaller batches', async () => {
    const infer: BatchInfer = async (pixels) => {
      if (pixels.length > 2) throw new Error('Failed to allocate memory for the batch: out of memory');
      return answer(pixels);
    };
    const images = Array.from({ length: 12 }, (_, i) => image(i + 1));
    const { items, notices, sizes, outcome } = await classify(images, 8, infer);
    expect(outcome).toEqual({ count: 12, failed: 0 });
    images.forEach((_, i) => expect(top1(items.get(i))).toBe(i + 1));
    expect(sizes).toEqual([8, 4, 2, 2, 4, 2, 2, 2, 2]);
    expect(notices.map((n) => n.kind)).toEqual(['batch-split', 'batch-split', 'batch-split']);
    expect(notices[0]?.message).toMatch(/batch of 8 images ran out of memory.*4 \+ 4/);
  });

  it('an image that fails by itself is the only error card, and its message names it', async () => {
    const infer: BatchInfer = async (pixels) => {
      if (pixels.some((p) => (p as { data: Uint8Array }).data[0] === 13)) throw new Error('Requested texture size [20000x20000] greater than WebGL maximum');
      return answer(pixels);
    };
    const images = [image(1), image(13), image(3), image(4), image(5)];
    const { items, outcome, notices } = await classify(images, 4, infer);
    expect(outcome).toEqual({ count: 5, failed: 1 });
    expect([0, 2, 3, 4].map((i) => top1(items.get(i)))).toEqual([1, 3, 4, 5]);
    const bad = items.get(1);
    expect(bad?.status).toBe('error');
    if (bad?.status !== 'error') throw new Error('unreachable');
    expect(bad.error.message).toBe('"img13.jpg" could not be classified: Requested texture size [20000x20000] greater than WebGL maximum');
    expect(bad.format).toBe('JPEG');
    expect(notices).toEqual([]);
  });

  it('ok items carry the original size, format, downscaled flag and a thumbnail', async () => {
    const { items } = await classify([image(7)], 1, answer);
    const item = items.get(0);
    if (item?.status !== 'ok') throw new Error('expected a result');
    expect(item).toMatchObject({ width: 5000, height: 3000, format: 'JPEG', downscaled: true, batchSize: 1 });
    expect(await item.thumbnail?.text()).toBe('thumb');
  });

  it('a cancel during the retries stops the request at once, with no error cards for the retried images', async () => {
    let calls = 0;
    const infer: BatchInfer = async (pixels) => {
      calls += 1;
      if (pixels.length > 1) throw new Error('flaky driver');
      return answer(pixels);
    };
    const images = [image(1), image(2), image(3), image(4)];
    const { items, outcome } = await classify(images, 4, infer, () => calls >= 2);
    expect(outcome).toBeInstanceOf(LumenError);
    expect((outcome as LumenError).code).toBe('cancelled');
    expect([...items.values()].filter((i) => i.status === 'error')).toEqual([]);
    expect(items.size).toBe(1);
  });

  it('a cancellation thrown by the batch propagates instead of failing its images', async () => {
    const infer: BatchInfer = async () => {
      throw new LumenError('cancelled', 'Classification was cancelled.');
    };
    const { items, outcome } = await classify([image(1), image(2)], 2, infer);
    expect((outcome as LumenError).code).toBe('cancelled');
    expect(items.size).toBe(0);
  });
});
