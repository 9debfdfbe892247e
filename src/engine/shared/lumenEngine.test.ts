/**
 * The same calls through both implementations of the engine interface: the worker proxy
 * (WorkerClient over an in-process worker: messages go through postMessage-like queues) and the
 * in-thread one (straight into the worker's handler). Both must stream, answer, fail and cancel alike.
 */
import { describe, expect, it } from 'vitest';
import { engineOver, type LumenEngine } from './lumenEngine';
import type { BroadcastEvent, StreamEvent, WorkerEvent, WorkerRequest } from './protocol';
import type { EngineInfo, ImageInput } from './types';
import { WorkerClient, type WorkerLike } from '@/engine/client/workerClient';
import type { Engine } from '@/engine/worker/engine';
import { createHandler } from '@/engine/worker/handler';
import { inThreadEngine } from '@/engine/worker/inThread';
import { LumenError } from '@/shared/errors';

const info = { backend: 'cpu', reason: 'test' } as EngineInfo;

const fakeEngine: Engine = {
  memory: () => ({ numTensors: 7, numBytes: 28 }),
  injectFault: async () => undefined,
  init: async (backend) => {
    if (backend === 'webgpu') throw new LumenError('backend-unavailable', 'no adapter here');
    return info;
  },
  load: async () => ({}) as never,
  classify: async (request, hooks) => {
    for (const [index, image] of request.images.entries()) {
      // A macrotask between images, as a real batch would take: a cancel gets in between.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (hooks.isCancelled()) throw new LumenError('cancelled', 'stop');
      hooks.onItem(index, { name: image.name, status: 'error', error: { name: 'LumenError', code: 'decode-failed', message: `bad ${image.name}` } });
    }
    return { count: request.images.length, failed: request.images.length };
  },
  inspect: async () => ({}) as never,
  compare: async () => ({ count: 0, failed: 0 }),
  explain: async () => ({}) as never,
  liveFrame: async (_spec, _frame, k) => ({ predictions: [], preprocessMs: k, inferMs: 0, width: 1, height: 1 }),
  benchmark: async (_model, options, hooks) => {
    for (const [run, batch] of options.batches.entries()) hooks.onSample({ batch, variant: 0, run, warmup: false, ms: batch });
    return { model: {} as never, backend: 'cpu', inputNote: 'random pixels', batches: [], largestOkBatch: null, totalMs: 3 };
  },
};

/** A Worker stand-in running the handler in this process; both directions go through a task queue, as postMessage does. */
function inProcessWorker(engine: Engine): WorkerLike {
  const listeners: ((event: MessageEvent<WorkerEvent>) => void)[] = [];
  const handle = createHandler(engine, (event) => setTimeout(() => listeners.forEach((listener) => listener({ data: event } as MessageEvent<WorkerEvent>))));
  return {
    postMessage: (message: WorkerRequest) => setTimeout(() => void handle(message)),
    addEventListener: ((type: 'message' | 'error', listener: never) => type === 'message' && listeners.push(listener)) as WorkerLike['addEventListener'],
    terminate: () => undefined,
  };
}

const implementations: [string, () => LumenEngine][] = [
  ['worker proxy', () => engineOver(new WorkerClient(() => inProcessWorker(fakeEngine)))],
  ['in-thread', () => inThreadEngine(fakeEngine)],
];

const images = (n: number): ImageInput[] => Array.from({ length: n }, (_, i) => ({ name: `${i}.jpg`, kind: 'blob', blob: new Blob(['x']) }));

describe.each(implementations)('LumenEngine (%s)', (_name, make) => {
  it('answers init with the engine info, and rebuilds a failure as a LumenError with its code', async () => {
    const engine = make();
    await expect(engine.init({ backend: null })).resolves.toEqual(info);
    const error = await engine.init({ backend: 'webgpu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumenError);
    expect(error).toMatchObject({ code: 'backend-unavailable', message: 'no adapter here' });
  });

  it('streams classify items in order and answers with the counts', async () => {
    const engine = make();
    const seen: StreamEvent[] = [];
    const handle = engine.classify({ model: {} as never, k: 1, images: images(3), batchSize: 1 }, { onEvent: (event) => seen.push(event) });
    expect(handle.id).toBeGreaterThan(0);
    await expect(handle.result).resolves.toEqual({ count: 3, failed: 3, totalMs: expect.any(Number) });
    const items = seen.flatMap((event) => (event.type === 'item' ? [[event.index, event.item.name]] : []));
    expect(items).toEqual([
      [0, '0.jpg'],
      [1, '1.jpg'],
      [2, '2.jpg'],
    ]);
  });

  it('cancels a running request by its handle id', async () => {
    const engine = make();
    let delivered = 0;
    const handle = engine.classify(
      { model: {} as never, k: 1, images: images(20), batchSize: 1 },
      {
        onEvent: (event) => {
          if (event.type !== 'item') return;
          delivered += 1;
          if (event.index === 1) engine.cancel(handle.id);
        },
      },
    );
    await expect(handle.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(delivered).toBeLessThan(20);
  });

  it('answers benchmark with the summary after streaming its samples, and broadcasts memory after each request', async () => {
    const engine = make();
    const broadcasts: BroadcastEvent[] = [];
    engine.onBroadcast((event) => broadcasts.push(event));
    const ms: number[] = [];
    const options = {
      batches: [1, 8],
      warmup: 0,
      runs: 1,
      durationMs: null,
      variants: [{ kind: 'bare' as const }],
      input: { kind: 'random' as const },
      coldStart: false,
    };
    const summary = await engine.benchmark({ model: {} as never, options }, { onEvent: (event) => event.type === 'sample' && ms.push(event.ms) }).result;
    expect(summary).toMatchObject({ backend: 'cpu', inputNote: 'random pixels', totalMs: 3 });
    expect(ms).toEqual([1, 8]);
    await expect(engine.liveFrame({ model: {} as never, frame: {} as never, k: 4 })).resolves.toMatchObject({ preprocessMs: 4 });
    // The memory event for the last request may land after its answer: poll, never sleep.
    await expect.poll(() => broadcasts.filter((event) => event.type === 'memory').length).toBe(2);
    expect(broadcasts[0]).toMatchObject({ type: 'memory', memory: { numTensors: 7 } });
  });

  it('resolves a fault with the kind it provoked', async () => {
    await expect(make().fault({ kind: 'oom' })).resolves.toBe('oom');
  });
});
