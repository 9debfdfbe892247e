import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark, type BenchDeps } from './benchmark';
import type { BenchTarget } from './benchmarkRunners';
import { makeForward } from '@/engine/worker/models';
import type { PeerClassifier } from './peer';
import type { BatchResult, BenchmarkOptions, BenchSample, BenchVariant } from '@/features/benchmark/shared/messages';
import { tinyClassifier, tinySpec } from '@/testing/tinyModels';

const spec = tinySpec({ preprocessing: 'tf' });

let model: tf.LayersModel;
let target: BenchTarget;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = tinyClassifier(tf, 4);
  target = { spec, labels: Array.from({ length: 1000 }, (_, i) => `c${i}`), forward: makeForward(model, spec), model };
});

const pixels = (level: number) => ({ width: 4, height: 4, data: new Uint8Array(64).fill(level) });

function deps(overrides: Partial<BenchDeps> = {}): BenchDeps {
  return {
    pixels: [pixels(10), pixels(200)],
    // Sources already have the model's size, so "resizing" is reading their bytes.
    read: (source) => (source as { data: Uint8Array }).data,
    loadPeer: async () => ({ classify: async () => [], dispose: () => undefined }),
    yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
    ...overrides,
  };
}

const options = (overrides: Partial<BenchmarkOptions> = {}): BenchmarkOptions => ({
  batches: [1, 2],
  warmup: 2,
  runs: 4,
  durationMs: null,
  variants: [{ kind: 'model', method: 'auto' }],
  input: { kind: 'random' },
  coldStart: false,
  ...overrides,
});

async function run(opts: BenchmarkOptions, benchTarget: BenchTarget = target, benchDeps: BenchDeps = deps(), cancelAfter = Infinity) {
  const samples: BenchSample[] = [];
  const batches: BatchResult[] = [];
  const before = tf.memory().numTensors;
  const outcome = await runBenchmark(tf, benchTarget, opts, benchDeps, {
    onSample: (s) => samples.push(s),
    onBatch: (b) => batches.push(b),
    isCancelled: () => samples.length >= cancelAfter,
  }).catch((error: unknown) => error);
  return { outcome, samples, batches, leaked: tf.memory().numTensors - before };
}

describe('runBenchmark', () => {
  it('times every variant at every batch size, streams each run, and leaks nothing', async () => {
    const variants: BenchVariant[] = [
      { kind: 'model', method: 'auto' },
      { kind: 'model', method: 'execute' },
      { kind: 'bare' },
      { kind: 'pipeline', preprocess: 'backend' },
      { kind: 'pipeline', preprocess: 'js' },
    ];
    const { outcome, samples, batches, leaked } = await run(options({ variants }));
    expect(leaked).toBe(0);
    expect(batches).toEqual(outcome);
    expect(batches.map((b) => [b.batch, b.status, b.error])).toEqual([
      [1, 'ok', null],
      [2, 'ok', null],
    ]);
    // (2 warm-up + 4 timed) runs × 5 variants × 2 batch sizes, warm-ups flagged.
    expect(samples).toHaveLength(60);
    expect(samples.filter((s) => s.warmup)).toHaveLength(20);
    for (const batch of batches) {
      expect(batch.memory.leaked).toBe(false);
      expect(batch.memory.after.numTensors).toBe(batch.memory.before.numTensors);
      for (const v of batch.variants) {
        expect(v.skipped).toBeNull();
        expect(v.samples).toHaveLength(4);
        expect(v.stats?.count).toBe(4);
        expect(v.stats!.min).toBeLessThanOrEqual(v.stats!.p50);
        expect(v.firstMs).not.toBeNull();
      }
    }
    // Variants interleave within a round, and each round starts one variant later than the last.
    expect(samples.slice(10, 15).map((s) => [s.batch, s.variant, s.run, s.warmup])).toEqual([0, 1, 2, 3, 4].map((v) => [1, v, 0, false]));
    expect(samples.slice(15, 20).map((s) => [s.variant, s.run])).toEqual([1, 2, 3, 4, 0].map((v) => [v, 1]));
  });

  it('a batch size that runs out of memory is reported, and the sweep goes on', async () => {
    const oom: BenchTarget = {
      ...target,
      forward: async (batch) => {
        if (batch.shape[0] >= 4) throw new Error('Failed to allocate 4096 MB on the device');
        return target.forward(batch);
      },
    };
    const { batches, leaked } = await run(options({ batches: [1, 4, 2] }), oom);
    expect(leaked).toBe(0);
    expect(batches.map((b) => [b.batch, b.status])).toEqual([
      [1, 'ok'],
      [4, 'failed'],
      [2, 'ok'],
    ]);
    const failed = batches[1]!;
    expect(failed.error).toMatchObject({ code: 'out-of-memory', message: expect.stringContaining('Failed to allocate') });
    expect(failed.variants[0]!.stats).toBeNull();
    expect(failed.variants[0]!.skipped).toMatch(/^failed: Failed to allocate/);
  });

  it('shows a leak as a failure: a forward pass that keeps one tensor per run', async () => {
    const kept: tf.Tensor[] = [];
    const leaky: BenchTarget = {
      ...target,
      forward: async (batch) => {
        kept.push(tf.zeros([1]));
        return target.forward(batch);
      },
    };
    const { batches } = await run(options({ batches: [1], warmup: 0, runs: 3 }), leaky);
    tf.dispose(kept);
    expect(batches[0]!.memory).toMatchObject({ leaked: true, maxRunTensorGrowth: 1 });
    expect(batches[0]!.memory.after.numTensors - batches[0]!.memory.before.numTensors).toBe(3);
  });

  it('stops between runs when cancelled, disposing the batch input', async () => {
    const { outcome, samples, batches, leaked } = await run(options({ runs: 1000 }), target, deps(), 5);
    expect(outcome).toMatchObject({ code: 'cancelled' });
    expect(samples).toHaveLength(5);
    expect(batches).toHaveLength(0);
    expect(leaked).toBe(0);
  });

  it('runs the peer at batch 1 only, names why it skips larger batches, and disposes it', async () => {
    let disposed = 0;
    const seen: unknown[] = [];
    const peer: PeerClassifier = { classify: async (image) => void seen.push(image), dispose: () => void (disposed += 1) };
    const variants: BenchVariant[] = [
      { kind: 'pipeline', preprocess: 'backend' },
      { kind: 'peer', modelUrl: 'http://localhost/peer/model.json' },
    ];
    const { batches } = await run(options({ variants, warmup: 1, runs: 3 }), target, deps({ loadPeer: async () => peer }));
    expect(batches[0]!.variants[1]!.stats?.count).toBe(3);
    expect(batches[1]!.variants[1]).toMatchObject({ stats: null, skipped: expect.stringMatching(/batch 1 only/) });
    expect(batches[1]!.variants[0]!.stats?.count).toBe(3);
    expect(seen).toHaveLength(4); // 1 warm-up + 3 timed, all on the first input image
    expect(new Set(seen).size).toBe(1);
    expect(disposed).toBe(1);
  });

  it('a peer that fails to load is skipped with its reason; the app still runs', async () => {
    const variants: BenchVariant[] = [
      { kind: 'model', method: 'auto' },
      { kind: 'peer', modelUrl: 'x' },
    ];
    const failing = deps({ loadPeer: async () => Promise.reject(new Error('HTTP 404')) });
    const { batches } = await run(options({ variants, batches: [1] }), target, failing);
    expect(batches[0]!.variants[1]!.skipped).toMatch(/peer failed to load: HTTP 404/);
    expect(batches[0]!.variants[0]!.stats?.count).toBe(4);
  });

  it('in duration mode keeps timing until the time is up', async () => {
    const { batches } = await run(options({ batches: [1], warmup: 0, runs: 1, durationMs: 30 }));
    expect(batches[0]!.variants[0]!.stats!.count).toBeGreaterThanOrEqual(1);
  });

  it('a method the model does not have is skipped with a message, not a crash', async () => {
    const { batches } = await run(options({ batches: [1], variants: [{ kind: 'model', method: 'executeAsync' }, { kind: 'bare' }] }));
    expect(batches[0]!.variants[0]!.skipped).toMatch(/layers model: it has predict\(\) and execute\(\)/);
    expect(batches[0]!.variants[1]!.stats?.count).toBe(4);
    expect(batches[0]!.status).toBe('ok');
  });
});
