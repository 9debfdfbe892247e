import { describe, expect, it } from 'vitest';
import { bestBatches, classifyBatch, DEFAULT_CLASSIFY_BATCH } from './batchSize';
import { summarize } from '@/shared/stats';
import type { BenchRun, ComboResult } from '@/features/benchmark/shared/benchRun';
import type { BatchResult, BenchVariant } from '@/features/benchmark/shared/messages';

const APP: BenchVariant = { kind: 'model', method: 'auto' };
const BARE: BenchVariant = { kind: 'bare' };
const memory = { before: { numTensors: 1, numBytes: 4 }, after: { numTensors: 1, numBytes: 4 }, maxRunTensorGrowth: 0, leaked: false };
/** One batch size: the app variant takes `appMs` per run, the bare one always 1 ms (it must not decide). */
const batch = (size: number, appMs: number, status: 'ok' | 'failed' = 'ok'): BatchResult => ({
  batch: size,
  status,
  error: null,
  variants: [
    {
      variant: APP,
      samples: [appMs],
      stats: status === 'ok' ? summarize([appMs, appMs]) : null,
      firstMs: null,
      skipped: status === 'ok' ? null : 'failed: oom',
    },
    { variant: BARE, samples: [1], stats: summarize([1, 1]), firstMs: null, skipped: null },
  ],
  memory,
});
const combo = (model: string, backend: 'wasm' | 'webgpu', batches: BatchResult[]): ComboResult => ({
  model,
  modelName: model,
  backend,
  status: 'ok',
  error: null,
  batches,
  summary: null,
});
const run = (combos: ComboResult[]): Pick<BenchRun, 'combos' | 'config'> => ({
  combos,
  config: {
    kind: 'sweep',
    models: [],
    backends: [],
    batches: [],
    warmup: 1,
    runs: 2,
    durationMs: null,
    input: 'random',
    variants: [APP, BARE],
    coldStart: false,
  },
});

describe('classify batch size', () => {
  it('takes the batch size with the best throughput of the first variant, per model and backend', () => {
    // webgpu: 1 → 100 img/s, 8 → 400, 16 → 640, 32 → 533: 16 wins. wasm: 1 → 50, 8 → 57: 8 wins.
    const best = bestBatches(
      run([
        combo('m', 'webgpu', [batch(1, 10), batch(8, 20), batch(16, 25), batch(32, 60), batch(64, 0.1, 'failed')]),
        combo('m', 'wasm', [batch(1, 20), batch(8, 140)]),
      ]),
    );
    expect(best.map((b) => [b.model, b.backend, b.batch])).toEqual([
      ['m', 'webgpu', 16],
      ['m', 'wasm', 8],
    ]);
    expect(best[0]?.throughput).toBeCloseTo(640, 6);
  });

  it('needs two batch sizes to call one best, and ignores sizes above the cap', () => {
    expect(bestBatches(run([combo('m', 'wasm', [batch(8, 10)])]))).toEqual([]);
    expect(bestBatches(run([combo('m', 'wasm', [batch(4, 10), batch(128, 1)])]))).toEqual([]);
  });

  it('uses a measurement only for the backend it was measured on, else the backend default, and says which', () => {
    const measured = { model: 'm', backend: 'webgpu' as const, batch: 32, throughput: 900 };
    expect(classifyBatch('webgpu', measured)).toEqual({ size: 32, why: expect.stringContaining('best throughput in your benchmark') });
    expect(classifyBatch('wasm', measured)).toEqual({ size: DEFAULT_CLASSIFY_BATCH.wasm, why: expect.stringContaining("wasm backend's default") });
    expect(classifyBatch('webgpu', null).size).toBeGreaterThan(classifyBatch('cpu', null).size);
    expect(classifyBatch(null, null).size).toBe(DEFAULT_CLASSIFY_BATCH.wasm);
  });
});
