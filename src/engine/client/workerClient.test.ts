import { describe, expect, it, vi } from 'vitest';
import { WorkerClient, type WorkerLike } from './workerClient';
import { wasmThreadsOfName } from '@/engine/shared/wasmThreadsName';
import { createHandler } from '@/engine/worker/handler';
import type { Engine } from '@/engine/worker/engine';
import { LumenError } from '@/shared/errors';
import type { EngineInfo } from '@/engine/shared/types';
import type { StreamEvent, WorkerEvent, WorkerRequest } from '@/engine/shared/protocol';

const info = { backend: 'cpu' } as EngineInfo;

/**
 * Client and handler wired together in-process, as the real Worker would wire them. Every worker
 * the client starts is a fresh handler; `crash` kills the current one (it goes silent and fires an
 * error event, as a worker that threw would). `sent` records what each worker was sent.
 */
function wired(engine: Engine) {
  const sent: WorkerRequest[][] = [];
  const names: string[] = [];
  let kill: (message: string) => void = () => undefined;
  const factory = (name: string): WorkerLike => {
    names.push(name);
    const listeners: { message: ((e: MessageEvent<WorkerEvent>) => void)[]; error: ((e: ErrorEvent) => void)[] } = { message: [], error: [] };
    let dead = false;
    const inbox: WorkerRequest[] = [];
    sent.push(inbox);
    const handle = createHandler(engine, (event) =>
      setTimeout(() => !dead && listeners.message.forEach((l) => l({ data: event } as MessageEvent<WorkerEvent>))),
    );
    kill = (message) => {
      dead = true;
      listeners.error.forEach((l) => l({ message } as ErrorEvent));
    };
    return {
      postMessage: (message: WorkerRequest) => {
        inbox.push(message);
        setTimeout(() => !dead && void handle(message));
      },
      addEventListener: ((type: 'message' | 'error', listener: never) => listeners[type].push(listener)) as WorkerLike['addEventListener'],
      terminate: () => void (dead = true),
    };
  };
  return { client: new WorkerClient(factory), crash: (message: string) => kill(message), sent, names };
}

const engine: Engine = {
  memory: () => ({ numTensors: 0, numBytes: 0 }),
  injectFault: async () => undefined,
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
  explain: async () => ({}) as never,
  liveFrame: async () => {
    await new Promise((r) => setTimeout(r, 5));
    return { predictions: [], preprocessMs: 0, inferMs: 0, width: 1, height: 1 };
  },
  benchmark: async (_model, options, hooks) => {
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
    const b = client.request(
      { type: 'classify', model: {} as never, k: 1, images: images(20), batchSize: 1 },
      { onEvent: (e) => e.type === 'item' && e.index === 1 && client.cancel(b.id) },
    );
    await expect(a.result).resolves.toMatchObject({ type: 'classified', count: 3 });
    expect(seenA.filter((e) => e.type === 'item').map((e) => e.type === 'item' && e.index)).toEqual([0, 1, 2]);
    await expect(b.result).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('routes benchmark samples to onEvent and resolves with the summary', async () => {
    const { client } = wired(engine);
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
    const handle = client.request({ type: 'benchmark', model: {} as never, options }, { onEvent: (e) => e.type === 'sample' && ms.push(e.ms) });
    await expect(handle.result).resolves.toMatchObject({ type: 'benchmarked', summary: { backend: 'cpu' } });
    expect(ms).toEqual([1, 8]);
  });

  it('a worker crash restarts the worker and re-sends only the images not yet delivered', async () => {
    const { client, crash, sent } = wired(engine);
    await client.request({ type: 'init', backend: 'wasm' }).result;
    const notices: string[] = [];
    client.onBroadcast((e) => e.type === 'notice' && notices.push(e.notice.kind));
    const delivered: number[] = [];
    const pending = client.request(
      { type: 'classify', model: {} as never, k: 1, images: images(6), batchSize: 1 },
      {
        onEvent: (e) => {
          if (e.type !== 'item') return;
          delivered.push(e.index);
          if (e.index === 2) crash('out of memory');
        },
      },
    );
    await expect(pending.result).resolves.toMatchObject({ type: 'classified' });
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5]); // each exactly once, in the original indices
    expect(sent).toHaveLength(2);
    // The new worker first gets the backend back, then the three images that had no result.
    expect(sent[1]?.map((r) => r.type)).toEqual(['init', 'classify']);
    expect(sent[1]?.[0]).toMatchObject({ backend: 'wasm' });
    const resent = sent[1]?.[1];
    expect(resent?.type === 'classify' && resent.images.map((i) => i.name)).toEqual(['3', '4', '5']);
    await vi.waitFor(() => expect(notices).toEqual(['worker-restarted']));
  });

  it('gives up on a request that was in flight through three crashes, with a clear message', async () => {
    const { client, crash, sent } = wired(engine);
    const pending = client.request({ type: 'classify', model: {} as never, k: 1, images: images(50), batchSize: 1 });
    for (let i = 0; i < 3; i += 1) {
      // Crash the i-th worker once the request is in flight there (the first is sent at once, the others on restart).
      await vi.waitFor(() => expect(sent[i]?.map((r) => r.type)).toContain('classify'));
      crash('out of memory');
    }
    await expect(pending.result).rejects.toMatchObject({ code: 'worker-crashed' });
    // The client still works: the next request goes to a fresh worker.
    await expect(client.request({ type: 'init', backend: null }).result).resolves.toMatchObject({ type: 'ready' });
  });

  it('a live frame lost with a crashed worker fails at once and is not re-sent (the frame is gone, and stale)', async () => {
    const { client, crash, sent } = wired(engine);
    await client.request({ type: 'init', backend: 'wasm' }).result;
    const frame = client.request({ type: 'live-frame', model: {} as never, frame: {} as never, k: 5 });
    crash('out of memory');
    await expect(frame.result).rejects.toThrow(/camera frame/);
    expect(sent[1]?.map((r) => r.type)).toEqual(['init']);
    // The next frame goes to the new worker and is answered.
    await expect(client.request({ type: 'live-frame', model: {} as never, frame: {} as never, k: 5 }).result).resolves.toMatchObject({ type: 'live-result' });
  });

  it('a worker-crash fault resolves when the worker is gone instead of being re-sent', async () => {
    let faulting = false;
    const { client, crash, sent } = wired({
      ...engine,
      injectFault: () => {
        faulting = true;
        return new Promise(() => undefined);
      },
    });
    const fault = client.request({ type: 'fault', kind: 'worker-crash' });
    await vi.waitFor(() => expect(faulting).toBe(true)); // the worker is carrying the fault out
    crash('closed');
    await expect(fault.result).resolves.toMatchObject({ type: 'fault-injected', kind: 'worker-crash' });
    expect(sent[1] ?? []).toEqual([]);
  });

  it('restarts with other wasm threads in the worker name, replaying the backend, and keeps them through a crash', async () => {
    const { client, crash, sent, names } = wired(engine);
    await client.request({ type: 'init', backend: 'wasm' }).result;
    const notices: string[] = [];
    client.onBroadcast((e) => e.type === 'notice' && notices.push(e.notice.kind));
    await client.restartWithWasmThreads(1);
    expect(client.wasmThreads).toBe(1);
    expect(names).toHaveLength(2);
    expect(wasmThreadsOfName(names[0])).toBeNull();
    expect(wasmThreadsOfName(names[1])).toBe(1);
    expect(sent[1]?.map((r) => r.type)).toEqual(['init']);
    await client.restartWithWasmThreads(1); // the same count: no new worker
    expect(names).toHaveLength(2);
    crash('gone');
    await vi.waitFor(() => expect(names).toHaveLength(3));
    expect(wasmThreadsOfName(names[2])).toBe(1);
    // A deliberate restart is no crash: only the real one is told.
    await vi.waitFor(() => expect(notices).toEqual(['worker-restarted']));
    await expect(client.request({ type: 'init', backend: 'wasm' }).result).resolves.toMatchObject({ type: 'ready' });
  });
});
