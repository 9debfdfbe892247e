/**
 * The classify actions against a fake engine: runs that supersede each other, late items of
 * a cancelled request, the Cancel button, removal. The summary is read the way the view reads it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { ModelSpec } from '@/engine/shared/types';
import { LumenError } from '@/shared/errors';

interface FakeRequest {
  id: number;
  names: string[];
  model: string;
  onEvent: (event: { type: 'item'; id: number; index: number; item: ClassifyItem }) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

const requests: FakeRequest[] = [];
const cancelled: number[] = [];
let selected = 'model-a';

vi.mock('@/engine/client', () => ({
  getEngine: () => ({
    classify: (body: { images: { name: string }[]; model: { key: string } }, options: { onEvent: FakeRequest['onEvent'] }) => {
      const id = requests.length + 1;
      const result = new Promise<void>((resolve, reject) =>
        requests.push({ id, names: body.images.map((i) => i.name), model: body.model.key, onEvent: options.onEvent, resolve, reject }),
      );
      return { id, result };
    },
    cancel: (id: number) => cancelled.push(id),
  }),
}));
vi.mock('@/app/store/modelRegistry', () => ({
  selectedSpec: () => ({ key: selected, id: selected }) as ModelSpec,
  isAvailable: () => true,
}));
// No DOM here: files go to the worker as they are (SVG drawing is covered in e2e).
vi.mock('@/browser/files/prepareFiles', () => ({
  prepareFiles: async (files: { file: File; path: string }[]) => files.map((f) => ({ ...f, error: null })),
}));

const { useStore } = await import('@/app/store/index');
const { cancelRun, classifyCards, classifyFiles, clearResults, markModelChosen, removeCard } = await import('./classifyActions');
const { itemUpdates } = await import('./cardUpdates');
const { summariseRun } = await import('./runSummary');

/** Waits until `n` requests went to the (fake) worker: cards are prepared and posted a task apart. */
const posted = (n: number) => vi.waitFor(() => expect(requests).toHaveLength(n));
const ok = (name: string, label: string): ClassifyItem => ({
  name,
  status: 'ok',
  predictions: [{ classIndex: 1, label, probability: 0.9 }],
  batchMs: 1,
  batchSize: 1,
  decodeMs: 0,
  preprocessMs: 0,
  width: 1,
  height: 1,
  format: 'JPEG',
  downscaled: false,
  thumbnail: null,
});
const deliver = (request: FakeRequest, index: number, label: string) =>
  request.onEvent({ type: 'item', id: request.id, index, item: ok(request.names[index] ?? '', label) });
const summary = () => summariseRun(useStore.getState().cards, useStore.getState().run);
const files = (n: number) => Array.from({ length: n }, (_, i) => new File(['x'], `p${i}.jpg`, { type: 'image/jpeg' }));

beforeEach(() => {
  clearResults();
  requests.length = 0;
  cancelled.length = 0;
  selected = 'model-a';
});

describe('classify actions', () => {
  it("a drop during start-up, then a model change: the summary ends at 5 of 5 with the new model's results", async () => {
    classifyFiles(files(5));
    await vi.waitFor(() => expect(useStore.getState().cards).toHaveLength(5));
    expect(requests).toHaveLength(0); // waiting for the start-up model
    markModelChosen();
    await posted(1);
    const first = requests[0] as FakeRequest;
    deliver(first, 0, 'a');
    deliver(first, 1, 'a');
    itemUpdates.flush();
    expect(summary()).toMatchObject({ done: 2, total: 5 });

    selected = 'model-b'; // what selectModel does once the new model is loaded
    void classifyCards(useStore.getState().cards);
    await posted(2);
    expect(cancelled).toEqual([first.id]); // every card moved to the new request: the old one is stopped
    const second = requests[1] as FakeRequest;
    expect(second.model).toBe('model-b');
    deliver(first, 2, 'stale'); // late items of the superseded request are ignored
    first.reject(new LumenError('cancelled', 'Cancelled.'));
    for (let i = 0; i < 5; i++) deliver(second, i, 'b');
    second.resolve();
    await vi.waitFor(() => {
      expect(summary()).toMatchObject({ done: 5, total: 5, failed: 0, pending: 0 });
      expect(useStore.getState().run?.totalMs).not.toBeNull();
    });
    expect(useStore.getState().cards.map((c) => (c.item?.status === 'ok' ? c.item.predictions[0]?.label : null))).toEqual(['b', 'b', 'b', 'b', 'b']);
  });

  it('coalesces items: nothing lands until the flush, then all at once', async () => {
    markModelChosen();
    classifyFiles(files(3));
    await posted(1);
    const request = requests[0] as FakeRequest;
    let updates = 0;
    const unsubscribe = useStore.subscribe(() => (updates += 1));
    for (let i = 0; i < 3; i++) deliver(request, i, 'x');
    expect(summary().done).toBe(0);
    itemUpdates.flush();
    unsubscribe();
    expect(summary().done).toBe(3);
    expect(updates).toBeLessThanOrEqual(2); // the cards, then the run's end: not one per item
  });

  it('Cancel turns every pending card into a cancelled one and stops the request', async () => {
    markModelChosen();
    classifyFiles(files(4));
    await posted(1);
    const request = requests[0] as FakeRequest;
    deliver(request, 0, 'x');
    cancelRun();
    expect(cancelled).toEqual([request.id]);
    expect(summary()).toMatchObject({ done: 4, total: 4, cancelled: 3, failed: 0, pending: 0 });
    deliver(request, 1, 'late'); // the worker was mid-batch: ignored
    itemUpdates.flush();
    expect(summary().cancelled).toBe(3);
  });

  it('a drop while a run is in flight joins it; removing every card of a request stops that request', async () => {
    markModelChosen();
    classifyFiles(files(2));
    await posted(1);
    classifyFiles(files(1));
    await posted(2);
    expect(summary()).toMatchObject({ done: 0, total: 3 });
    const [firstCard] = useStore.getState().cards.slice(-2); // cards are newest first
    removeCard(firstCard?.key ?? '');
    expect(cancelled).toEqual([]); // the first request still has a card
    removeCard(useStore.getState().cards.at(-1)?.key ?? '');
    expect(cancelled).toEqual([requests[0]?.id]);
    expect(summary()).toMatchObject({ total: 1 });
  });

  it('a drop of 100 goes to the worker in requests of at most 48', async () => {
    markModelChosen();
    classifyFiles(files(100));
    await vi.waitFor(() => expect(requests.map((r) => r.names.length)).toEqual([48, 48, 4])); // posted one task apart
    requests.forEach((r) => r.names.forEach((_, i) => deliver(r, i, 'x')));
    requests[0]?.resolve();
    await vi.waitFor(() => expect(summary()).toMatchObject({ done: 100, total: 100, failed: 0 }));
    requests[1]?.resolve();
    requests[2]?.resolve();
  });

  it('a request that ends without answering an image fails that image alone', async () => {
    markModelChosen();
    classifyFiles(files(2));
    await posted(1);
    const request = requests[0] as FakeRequest;
    deliver(request, 0, 'x');
    request.resolve();
    await vi.waitFor(() => expect(summary()).toMatchObject({ done: 2, failed: 1 }));
  });

  it("a failed request keeps its error's name, code and message on the cards it leaves", async () => {
    markModelChosen();
    classifyFiles(files(2));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const crashed = new LumenError('worker-crashed', 'The inference worker died (out of memory).');
    requests[0]?.reject(crashed);
    await vi.waitFor(() => expect(summary()).toMatchObject({ done: 2, failed: 2 }));
    const errors = useStore.getState().cards.map((c) => (c.item?.status === 'error' ? c.item.error : null));
    expect(errors).toEqual([0, 1].map(() => ({ name: 'LumenError', code: 'worker-crashed', message: 'The inference worker died (out of memory).' })));
  });
});
