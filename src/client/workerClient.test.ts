import { describe, expect, it } from 'vitest';
import { WorkerClient, type WorkerLike } from './workerClient';
import { createHandler } from '../worker/handler';
import type { Engine } from '../worker/engine';
import { LumenError } from '../shared/errors';
import type { EngineInfo, StreamEvent, WorkerEvent, WorkerRequest } from '../shared/protocol';

const info = { backend: 'cpu' } as EngineInfo;

/** Client and handler wired together in-process, as the real Worker would wire them. */
function wired(engine: Engine) {
  const listeners: { message: ((e: MessageEvent<WorkerEvent>) => void)[]; error: ((e: ErrorEvent) => void)[] } = { message: [], error: [] };
  const handle = createHandler(engine, (event) => setTimeout(() => listeners.message.forEach((l) => l({ data: event } as MessageEvent<WorkerEvent>))));
  const worker: WorkerLike = {
    postMessage: (message: WorkerRequest) => void setTimeout(() => void handle(message)),
    addEventListener: ((type: 'message' | 'error', listener: never) => listeners[type].push(listener)) as WorkerLike['addEventListener'],
    terminate: () => undefined,
  };
  return { client: new WorkerClient(worker), crash: (message: string) => listeners.error.forEach((l) => l({ message } as ErrorEvent)) };
}

const engine: Engine = {
  init: async (backend) => {
    if (backend === 'webgpu') throw new LumenError('backend-unavailable', 'no adapter here');
    return info;
  },
  load: async () => ({}) as never,
  classify: async (request, hooks) => {
    for (const [index, image] of request.images.entries()) {
      await new Promise((r) => setTimeout(r, 5));
      if (hooks.isCancelled()) throw new LumenError('cancelled', 'stop');
      hooks.onItem(index, { name: image.name, status: 'error', error: { name: 'E', code: 'decode-failed', message: 'x' } });
    }
    return { count: request.images.length, failed: 0 };
  },
  inspect: async () => ({}) as never,
  compare: async () => ({ count: 0, failed: 0 }),
  benchmark: async (model, options, hooks) => {
    for (const [run, batch] of options.batches.entries()) hooks.onSample({ batch, variant: 0, run, warmup: false, ms: batch });
    return { model: {} as never, backend: 'cpu', inputNote: 'random', batches: [], largestOkBatch: null, totalMs: 0 };
  },
};

const images = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `${i}`, kind: 'blob' as const, blob: new Blob(['x']) }));

describe('WorkerClient', () => {
  it('resolves a request with its terminal event', async () => {
    const { client } = wired(engine);
    await expect(client.request({ type: 'init', backend: null }).result).resolves.toMatchObject({ type: 'ready', engine: info });
  });

  it('rebuilds worker errors as LumenError with their code', async () => {
    const { client } = wired(engine);
    const error = await client.request({ type: 'init', backend: 'webgpu' }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumenError);
    expect(error).toMatchObject({ code: 'backend-unavailable', message: 'no adapter here' });
  });

  it('streams events to onEvent, keeps concurrent requests apart, and cancels', async () => {
    const { client } = wired(engine);
    const seenA: StreamEvent[] = [];
    const a = client.request({ type: 'classify', model: {} as never, k: 1, images: images(3), batchSize: 1 }, { onEvent: (e) => seenA.push(e) });
    const b = client.request({ type: 'classify', model: {} as never, k: 1, images: images(20), batchSize: 1 }, { onEvent: (e) => e.type === 'item' && e.index === 1 && client.cancel(b.id) });
    await expect(a.result).resolves.toMatchObject({ type: 'classified', count: 3 });
    expect(seenA.filter((e) => e.type === 'item').map((e) => e.type === 'item' && e.index)).toEqual([0, 1, 2]);
    await expect(b.result).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('routes benchmark samples to onEvent and resolves with the summary', async () => {
    const { client } = wired(engine);
    const ms: number[] = [];
    const options = { batches: [1, 8], warmup: 0, runs: 1, durationMs: null, variants: [{ kind: 'bare' as const }], input: { kind: 'random' as const }, coldStart: false };
    const handle = client.request({ type: 'benchmark', model: {} as never, options }, { onEvent: (e) => e.type === 'sample' && ms.push(e.ms) });
    await expect(handle.result).resolves.toMatchObject({ type: 'benchmarked', summary: { backend: 'cpu' } });
    expect(ms).toEqual([1, 8]);
  });

  it('a worker crash rejects every pending request with a clear message', async () => {
    const { client, crash } = wired(engine);
    const pending = client.request({ type: 'classify', model: {} as never, k: 1, images: images(50), batchSize: 1 });
    crash('out of memory');
    await expect(pending.result).rejects.toThrow(/worker crashed: out of memory/);
  });
});
