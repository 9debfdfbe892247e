import { describe, expect, it } from 'vitest';
import { createHandler } from './handler';
import type { Engine, EngineSink } from './engine';
import { LumenError } from '@/shared/errors';
import type { CompareRow } from '@/features/compare/shared/messages';
import type { ModelReport } from '@/features/inspect/shared/messages';
import type { BatchResult, BenchmarkOptions } from '@/features/benchmark/shared/messages';
import type { EngineInfo, ModelInfo, ModelSpec } from '@/engine/shared/types';
import type { Explanation } from '@/features/explain/shared/messages';
import type { WorkerEvent } from '@/engine/shared/protocol';

const engineInfo: EngineInfo = {
  backend: 'wasm',
  forced: false,
  reason: 'test',
  attempts: [],
  adapter: null,
  webglRenderer: null,
  tfjsVersion: '4.22.0',
  flags: {},
};
const spec = { key: 'm@1', name: 'M' } as ModelSpec;
const modelInfo = { key: 'm@1' } as ModelInfo;
const report = { key: 'm@1', check: { passed: true } } as ModelReport;
const okRow = (spec: ModelSpec): CompareRow => ({
  key: spec.key,
  name: spec.name,
  status: 'ok',
  parameters: 1,
  weightBytes: 4,
  loadMs: 1,
  warmupMs: 1,
  fromCache: false,
  runsMs: [1],
  medianMs: 1,
  top1: null,
  runtime: 'tfjs',
  runtimeBackend: 'cpu',
  probabilities: null,
});

/** A fake engine whose classify emits one item per image and waits on `gate` between them. */
function fakeEngine(gate: () => Promise<void> = async () => undefined): Engine & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    memory: () => ({ numTensors: 7, numBytes: 28 }),
    async injectFault(kind) {
      calls.push(`fault:${kind}`);
    },
    async init(backend, _onProgress, measured) {
      calls.push(measured === undefined ? `init:${backend}` : `init:${backend} measured (${measured})`);
      if (backend === 'webgpu') throw new LumenError('backend-unavailable', 'no adapter');
      return engineInfo;
    },
    async load() {
      calls.push('load');
      return modelInfo;
    },
    async classify(request, hooks) {
      calls.push('classify');
      for (const [index, image] of request.images.entries()) {
        await gate();
        if (hooks.isCancelled()) throw new LumenError('cancelled', 'cancelled');
        hooks.onItem(index, { name: image.name, status: 'error', error: { name: 'X', code: 'decode-failed', message: 'nope' } });
        hooks.onProgress('infer', (index + 1) / request.images.length, '');
      }
      return { count: request.images.length, failed: request.images.length };
    },
    async inspect(model) {
      calls.push('inspect');
      if (model.key === 'bad@1') throw new LumenError('model-invalid', 'not an image classifier');
      return report;
    },
    async compare(request, hooks) {
      calls.push('compare');
      let failed = 0;
      for (const [index, model] of request.models.entries()) {
        await gate();
        if (hooks.isCancelled()) throw new LumenError('cancelled', 'cancelled');
        if (model.key === 'bad@1') {
          failed += 1;
          hooks.onRow(index, { key: model.key, name: model.name, status: 'error', error: { name: 'LumenError', code: 'model-invalid', message: 'no' } });
        } else hooks.onRow(index, okRow(model));
      }
      return { count: request.models.length, failed };
    },
    /** Two samples per batch size, then its batch-done; waits on `gate` before every sample. */
    async benchmark(_model, options, hooks) {
      calls.push('benchmark');
      const batches: BatchResult[] = [];
      for (const batch of options.batches) {
        for (let run = 0; run < 2; run += 1) {
          await gate();
          if (hooks.isCancelled()) throw new LumenError('cancelled', 'cancelled');
          hooks.onSample({ batch, variant: 0, run, warmup: false, ms: 10 * batch + run });
        }
        const memory = { before: { numTensors: 3, numBytes: 12 }, after: { numTensors: 3, numBytes: 12 }, maxRunTensorGrowth: 0, leaked: false };
        const result: BatchResult = { batch, status: 'ok', error: null, variants: [], memory };
        batches.push(result);
        hooks.onBatch(result);
      }
      return { model: modelInfo, backend: 'wasm', inputNote: 'random', batches, largestOkBatch: Math.max(...options.batches), totalMs: 1 };
    },
    async liveFrame(_model, _frame, k) {
      calls.push(`live:${k}`);
      if (k === 0) throw new LumenError('bad-request', 'k must be at least 1');
      return { predictions: [{ classIndex: 1, label: 'goldfish', probability: 0.9 }], preprocessMs: 1, inferMs: 2, width: 640, height: 480 };
    },
    async explain(job) {
      calls.push(`explain:${job.classIndex}:${job.method}`);
      if (job.classIndex === 999) throw new LumenError('bad-request', 'no class 999');
      return { ...explanation, classIndex: job.classIndex };
    },
  };
}

const explanation: Explanation = {
  classIndex: 0,
  outputIndex: 0,
  label: 'a',
  method: 'gradcam',
  heatmap: { width: 1, height: 1, values: new Float32Array([1]) },
  peak: { x: 0.5, y: 0.5 },
  imageWidth: 2,
  imageHeight: 2,
  ms: 1,
  gradcamAt: 'conv',
  gradcamProblem: null,
};

const benchOptions = (overrides: Partial<BenchmarkOptions> = {}): BenchmarkOptions => ({
  batches: [1, 4],
  warmup: 1,
  runs: 2,
  durationMs: null,
  variants: [{ kind: 'model', method: 'auto' }],
  input: { kind: 'random' },
  coldStart: false,
  ...overrides,
});

/** Records what the handler posts; the memory broadcast after every request is kept apart in `memory`. */
function recorder() {
  const events: WorkerEvent[] = [];
  const memory: WorkerEvent[] = [];
  return { events, memory, post: (event: WorkerEvent) => void (event.type === 'memory' ? memory : events).push(event) };
}

const images = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `${i}.png`, kind: 'blob' as const, blob: new Blob(['x']) }));

describe('worker handler', () => {
  it('answers init with ready and load with loaded, echoing request ids', async () => {
    const { events, post } = recorder();
    const handle = createHandler(fakeEngine(), post);
    await handle({ type: 'init', id: 1, backend: null });
    await handle({ type: 'load', id: 2, model: spec });
    expect(events).toEqual([
      { type: 'ready', id: 1, engine: engineInfo },
      { type: 'loaded', id: 2, model: modelInfo },
    ]);
  });

  it('hands the engine a measured choice as measured, apart from a forced backend', async () => {
    const engine = fakeEngine();
    const handle = createHandler(engine, recorder().post);
    await handle({ type: 'init', id: 1, backend: 'wasm' });
    await handle({ type: 'init', id: 2, backend: 'wasm', measured: 'measured: webgl 41 ms, wasm 12 ms → wasm' });
    expect(engine.calls.filter((c) => c.startsWith('init'))).toEqual(['init:wasm', 'init:wasm measured (measured: webgl 41 ms, wasm 12 ms → wasm)']);
  });

  it('streams items and progress, then exactly one terminal event', async () => {
    const { events, post } = recorder();
    await createHandler(fakeEngine(), post)({ type: 'classify', id: 7, model: spec, k: 5, images: images(2), batchSize: 8 });
    expect(events.map((e) => e.type)).toEqual(['item', 'progress', 'item', 'progress', 'classified']);
    expect(events.every((e) => e.id === 7)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'classified', count: 2, failed: 2 });
  });

  it('turns engine failures into {name, code, message} errors', async () => {
    const { events, post } = recorder();
    await createHandler(fakeEngine(), post)({ type: 'init', id: 3, backend: 'webgpu' });
    expect(events).toEqual([{ type: 'error', id: 3, error: { name: 'LumenError', code: 'backend-unavailable', message: 'no adapter' } }]);
  });

  it('rejects malformed messages with bad-request instead of crashing', async () => {
    const { events, post } = recorder();
    await createHandler(fakeEngine(), post)({ type: 'explode', id: 9 });
    expect(events[0]).toMatchObject({ type: 'error', id: 9, error: { code: 'bad-request' } });
  });

  it('runs requests one at a time, in order', async () => {
    const { post } = recorder();
    const engine = fakeEngine();
    const handle = createHandler(engine, post);
    const a = handle({ type: 'classify', id: 1, model: spec, k: 1, images: images(3), batchSize: 1 });
    const b = handle({ type: 'load', id: 2, model: spec });
    await Promise.all([a, b]);
    expect(engine.calls).toEqual(['classify', 'load']);
  });

  it('cancel stops a running request at its next checkpoint and drops a queued one', async () => {
    const { events, post } = recorder();
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    const engine = fakeEngine(gate);
    const handle = createHandler(engine, post);
    const running = handle({ type: 'classify', id: 1, model: spec, k: 1, images: images(5), batchSize: 1 });
    const queued = handle({ type: 'load', id: 2, model: spec });
    await Promise.resolve();
    release(); // first image goes through
    await new Promise((r) => setTimeout(r, 0));
    await handle({ type: 'cancel', id: 99, target: 1 });
    await handle({ type: 'cancel', id: 100, target: 2 });
    release();
    await Promise.all([running, queued]);
    expect(events.filter((e) => e.type === 'item')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'cancelled').map((e) => e.id)).toEqual([1, 2]);
    expect(engine.calls).toEqual(['classify']);
  });

  it('answers inspect with one inspected event carrying the report, or an error', async () => {
    const { events, post } = recorder();
    const handle = createHandler(fakeEngine(), post);
    await handle({ type: 'inspect', id: 4, model: spec });
    await handle({ type: 'inspect', id: 5, model: { ...spec, key: 'bad@1' } });
    expect(events).toEqual([
      { type: 'inspected', id: 4, report },
      { type: 'error', id: 5, error: { name: 'LumenError', code: 'model-invalid', message: 'not an image classifier' } },
    ]);
  });

  it('answers explain with one explained event, or an error', async () => {
    const { events, post } = recorder();
    const engine = fakeEngine();
    const handle = createHandler(engine, post);
    const [image] = images(1);
    if (!image) throw new Error('no image');
    await handle({ type: 'explain', id: 9, model: spec, image, classIndex: 281, label: 'tabby', method: 'auto' });
    await handle({ type: 'explain', id: 10, model: spec, image, classIndex: 999, label: 'x', method: 'occlusion' });
    expect(events).toEqual([
      { type: 'explained', id: 9, explanation: { ...explanation, classIndex: 281 } },
      { type: 'error', id: 10, error: { name: 'LumenError', code: 'bad-request', message: 'no class 999' } },
    ]);
    expect(engine.calls).toEqual(['explain:281:auto', 'explain:999:occlusion']);
  });

  it('answers a live frame with one live-result (top-k and timings), or an error', async () => {
    const { events, post } = recorder();
    const engine = fakeEngine();
    const handle = createHandler(engine, post);
    await handle({ type: 'live-frame', id: 11, model: spec, frame: {} as never, k: 3 });
    await handle({ type: 'live-frame', id: 12, model: spec, frame: {} as never, k: 0 });
    expect(events).toEqual([
      {
        type: 'live-result',
        id: 11,
        result: { predictions: [{ classIndex: 1, label: 'goldfish', probability: 0.9 }], preprocessMs: 1, inferMs: 2, width: 640, height: 480 },
      },
      { type: 'error', id: 12, error: { name: 'LumenError', code: 'bad-request', message: 'k must be at least 1' } },
    ]);
    expect(engine.calls).toEqual(['live:3', 'live:0']);
  });

  it('compare streams one row per model (a failing model gets an error row), then compared', async () => {
    const { events, post } = recorder();
    const models = [spec, { ...spec, key: 'bad@1' }, { ...spec, key: 'n@2' }];
    await createHandler(fakeEngine(), post)({ type: 'compare', id: 6, models, image: null, warmup: 1, runs: 3 });
    expect(events.map((e) => e.type)).toEqual(['compare-row', 'compare-row', 'compare-row', 'compared']);
    expect(events.map((e) => (e.type === 'compare-row' ? e.row.status : null))).toEqual(['ok', 'error', 'ok', null]);
    expect(events.at(-1)).toEqual({ type: 'compared', id: 6, count: 3, failed: 1 });
  });

  it('cancel stops a compare between models', async () => {
    const { events, post } = recorder();
    let release: () => void = () => undefined;
    const handle = createHandler(
      fakeEngine(() => new Promise<void>((resolve) => (release = resolve))),
      post,
    );
    const running = handle({ type: 'compare', id: 8, models: [spec, spec, spec], image: null, warmup: 0, runs: 1 });
    await new Promise((r) => setTimeout(r, 0));
    release();
    await new Promise((r) => setTimeout(r, 0));
    await handle({ type: 'cancel', id: 9, target: 8 });
    release();
    await running;
    expect(events.map((e) => e.type)).toEqual(['compare-row', 'cancelled']);
  });

  it('benchmark streams samples and batch-done per batch size, then one benchmarked', async () => {
    const { events, post } = recorder();
    await createHandler(fakeEngine(), post)({ type: 'benchmark', id: 4, model: spec, options: benchOptions() });
    expect(events.map((e) => e.type)).toEqual(['sample', 'sample', 'batch-done', 'sample', 'sample', 'batch-done', 'benchmarked']);
    expect(events[3]).toEqual({ type: 'sample', id: 4, batch: 4, variant: 0, run: 0, warmup: false, ms: 40 });
    expect(events.at(-1)).toMatchObject({ type: 'benchmarked', id: 4, summary: { largestOkBatch: 4 } });
  });

  it('refuses benchmark options that cannot run, before touching the engine', async () => {
    const { events, post } = recorder();
    const engine = fakeEngine();
    const handle = createHandler(engine, post);
    await handle({ type: 'benchmark', id: 5, model: spec, options: benchOptions({ batches: [] }) });
    await handle({ type: 'benchmark', id: 6, model: spec, options: benchOptions({ batches: [1, 0.5] }) });
    await handle({ type: 'benchmark', id: 7, model: spec, options: benchOptions({ input: { kind: 'images', images: [] } }) });
    expect(events.map((e) => e.type === 'error' && [e.id, e.error.code])).toEqual([
      [5, 'bad-request'],
      [6, 'bad-request'],
      [7, 'bad-request'],
    ]);
    expect(events[1]).toMatchObject({ error: { message: expect.stringContaining('batch size 0.5') } });
    expect(events[2]).toMatchObject({ error: { message: expect.stringContaining('drop some in the Classify view') } });
    expect(engine.calls).toEqual([]);
  });

  it('cancel stops a running benchmark between runs: the batches done so far were already streamed', async () => {
    const { events, post } = recorder();
    let release: () => void = () => undefined;
    const handle = createHandler(
      fakeEngine(() => new Promise<void>((resolve) => (release = resolve))),
      post,
    );
    const running = handle({ type: 'benchmark', id: 8, model: spec, options: benchOptions({ batches: [1, 2, 4] }) });
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 0));
      release();
    }
    await new Promise((r) => setTimeout(r, 0));
    await handle({ type: 'cancel', id: 9, target: 8 });
    release();
    await running;
    expect(events.map((e) => e.type)).toEqual(['sample', 'sample', 'batch-done', 'sample', 'cancelled']);
  });

  it('broadcasts tf.memory() (id 0) after every finished request, failed ones included', async () => {
    const { memory, post } = recorder();
    const handle = createHandler(fakeEngine(), post);
    await handle({ type: 'init', id: 1, backend: null });
    await handle({ type: 'init', id: 2, backend: 'webgpu' });
    expect(memory).toEqual([
      { type: 'memory', id: 0, memory: { numTensors: 7, numBytes: 28 } },
      { type: 'memory', id: 0, memory: { numTensors: 7, numBytes: 28 } },
    ]);
  });

  it('injects a fault at once, even while a request runs, and answers it', async () => {
    const { events, post } = recorder();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = fakeEngine(() => gate);
    const handle = createHandler(engine, post);
    const running = handle({ type: 'classify', id: 1, model: spec, k: 5, images: images(1), batchSize: 8 });
    await new Promise((r) => setTimeout(r, 0)); // classify is now waiting on its gate
    await handle({ type: 'fault', id: 2, kind: 'gpu-lost' });
    expect(engine.calls).toEqual(['classify', 'fault:gpu-lost']);
    expect(events).toEqual([{ type: 'fault-injected', id: 2, kind: 'gpu-lost' }]);
    release();
    await running;
    expect(events.at(-1)).toMatchObject({ type: 'classified', id: 1 });
  });

  it('stamps engine notices with the id of the request running when they happen', async () => {
    const { events, post } = recorder();
    let sink: EngineSink | null = null;
    const engine = { ...fakeEngine(), subscribe: (next: EngineSink) => void (sink = next) };
    const handle = createHandler(engine, post);
    engine.classify = async (request) => {
      sink?.notice({ kind: 'gpu-lost', message: 'lost', recoveryMs: 5 });
      return { count: request.images.length, failed: 0 };
    };
    await handle({ type: 'classify', id: 9, model: spec, k: 5, images: images(1), batchSize: 8 });
    expect(events[0]).toEqual({ type: 'notice', id: 9, notice: { kind: 'gpu-lost', message: 'lost', recoveryMs: 5 } });
  });
});
