/**
 * classifyImages' pipelining with a fake decoder and a fake batch inference (no TF.js): batch n+1
 * decodes while batch n is in the model, every item keeps its own index however the stages finish,
 * cancel mid-pipeline closes everything decoded, and failure isolation still holds.
 */
import { describe, expect, it } from 'vitest';
import { classifyImages, type BatchInfer, type Decoder } from './predict';
import { isCancelled } from '@/shared/errors';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { ImageInput } from '@/engine/shared/types';
import { fakeLabels, fakeSpec } from './testing/fakeClassifier';

const spec = fakeSpec;
const labels = fakeLabels;
const image = (level: number): ImageInput => ({ name: `img${level}.jpg`, kind: 'blob', blob: new Blob([String(level)]) });
const levelOf = (p: unknown): number => (p as { data: Uint8Array }).data[0] ?? -1;
const top1 = (item: ClassifyItem | undefined): number | null => (item?.status === 'ok' ? (item.predictions[0]?.classIndex ?? null) : null);
const turns = async (n = 20): Promise<void> => {
  for (let i = 0; i < n; i += 1) await Promise.resolve();
};

interface Rig {
  events: string[];
  open: Set<number>;
  decode: Decoder;
}

/** A decoder whose images hold their level; `hold(level)` makes that decode wait for `release`. */
function rig(held: Map<number, Promise<void>> = new Map()): Rig {
  const events: string[] = [];
  const open = new Set<number>();
  const decode: Decoder = async (input) => {
    const level = input.kind === 'blob' ? Number(await input.blob.text()) : 0;
    await held.get(level);
    if (level === 66) throw new Error('not an image');
    events.push(`decoded ${level}`);
    open.add(level);
    return {
      pixels: { width: 1, height: 1, data: Uint8Array.of(level, level, level) },
      width: 10,
      height: 10,
      format: 'JPEG',
      downscaled: false,
      close: () => open.delete(level),
    };
  };
  return { events, open, decode };
}

const rowsFor = (pixels: readonly unknown[]): Float32Array[] =>
  pixels.map((p) => {
    const row = new Float32Array(1000);
    row[levelOf(p)] = 1;
    return row;
  });

describe('classifyImages pipeline', () => {
  it('decodes batch n+1 during batch n, even finishing it first; each item keeps its index', async () => {
    const r = rig();
    let releaseFirst = (): void => undefined;
    const firstInference = new Promise<void>((resolve) => (releaseFirst = resolve));
    const infer: BatchInfer = async (pixels) => {
      const levels = pixels.map(levelOf);
      r.events.push(`infer ${levels.join(',')}`);
      if (levels[0] === 1) await firstInference;
      return { rows: rowsFor(pixels), preprocessMs: 0, batchMs: 0 };
    };
    const items: [number, ClassifyItem][] = [];
    const done = classifyImages(
      { spec, labels },
      { model: spec, k: 1, images: [1, 2, 3, 4, 5].map(image), batchSize: 2 },
      {
        onItem: (i, item) => items.push([i, item]),
        onProgress: () => undefined,
        isCancelled: () => false,
      },
      { decode: r.decode, infer },
    );
    await turns();
    // Batch 2 (images 3, 4) is decoded while batch 1 is still in the model; nothing delivered yet.
    expect(r.events).toEqual(['decoded 1', 'decoded 2', 'infer 1,2', 'decoded 3', 'decoded 4']);
    expect(items).toEqual([]);
    releaseFirst();
    expect(await done).toEqual({ count: 5, failed: 0 });
    expect(items.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    expect(items.map(([, item]) => top1(item))).toEqual([1, 2, 3, 4, 5]);
    expect(r.open.size).toBe(0);
  });

  it('out-of-order decodes within a batch still land at their own index', async () => {
    let releaseA = (): void => undefined;
    const slow = new Map([[1, new Promise<void>((resolve) => (releaseA = resolve))]]);
    const r = rig(slow);
    const items = new Map<number, ClassifyItem>();
    const done = classifyImages(
      { spec, labels },
      { model: spec, k: 1, images: [1, 2, 3].map(image), batchSize: 3 },
      {
        onItem: (i, item) => items.set(i, item),
        onProgress: () => undefined,
        isCancelled: () => false,
      },
      { decode: r.decode, infer: async (pixels) => ({ rows: rowsFor(pixels), preprocessMs: 0, batchMs: 0 }) },
    );
    await turns();
    releaseA();
    await done;
    expect(r.events.slice(0, 3)).toEqual(['decoded 2', 'decoded 3', 'decoded 1']);
    expect([0, 1, 2].map((i) => top1(items.get(i)))).toEqual([1, 2, 3]);
  });

  it('cancel mid-pipeline: no more inference, every decoded image closed, answers so far delivered', async () => {
    const r = rig();
    let cancelled = false;
    const inferred: number[][] = [];
    const items = new Map<number, ClassifyItem>();
    const error = await classifyImages(
      { spec, labels },
      { model: spec, k: 1, images: [1, 2, 3, 4, 5, 6].map(image), batchSize: 2 },
      {
        onItem: (i, item) => items.set(i, item),
        onProgress: () => undefined,
        isCancelled: () => cancelled,
      },
      {
        decode: r.decode,
        infer: async (pixels) => {
          inferred.push(pixels.map(levelOf));
          cancelled = true; // the cancel arrives while the first batch is in the model
          return { rows: rowsFor(pixels), preprocessMs: 0, batchMs: 0 };
        },
      },
    ).catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(inferred).toEqual([[1, 2]]);
    expect([...items.keys()]).toEqual([0, 1]);
    expect(r.events).toContain('decoded 3'); // decoded ahead, never run…
    expect(r.open.size).toBe(0); // …and closed
  });

  it('isolation holds: a bad file and a bad image fail alone, out-of-memory halves, the rest succeed', async () => {
    const r = rig();
    const sizes: number[] = [];
    const items = new Map<number, ClassifyItem>();
    const infer: BatchInfer = async (pixels) => {
      sizes.push(pixels.length);
      if (pixels.length > 2) throw new Error('Failed to allocate texture: out of memory');
      if (pixels.some((p) => levelOf(p) === 13)) throw new Error('bad pixels');
      return { rows: rowsFor(pixels), preprocessMs: 0, batchMs: 0 };
    };
    const levels = [1, 66, 3, 13, 5, 6, 7, 8, 9, 10];
    const outcome = await classifyImages(
      { spec, labels },
      { model: spec, k: 1, images: levels.map(image), batchSize: 4 },
      {
        onItem: (i, item) => items.set(i, item),
        onProgress: () => undefined,
        isCancelled: () => false,
      },
      { decode: r.decode, infer },
    );
    expect(outcome).toEqual({ count: 10, failed: 2 });
    expect(levels.map((_, i) => top1(items.get(i)))).toEqual([1, null, 3, null, 5, 6, 7, 8, 9, 10]);
    expect(items.get(1)?.status).toBe('error');
    expect(items.get(3)?.status).toBe('error');
    // 3 decoded of the first 4 (one bad file): out of memory, halved to [1,3] + [13] (which fails
    // alone); the batch cut ahead at 4 runs in 2s; the last 2 are cut at 2.
    expect(sizes).toEqual([3, 2, 1, 2, 2, 2]);
    expect(r.open.size).toBe(0);
  });
});
