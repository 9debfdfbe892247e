import { describe, expect, it } from 'vitest';
import { benchRows, coldStartRows, memoryLimits, type BenchRun, type ComboResult } from './benchRun';
import { BENCH_SCHEMA, CSV_COLUMNS, CSV_ENVIRONMENT_COLUMNS, benchCsv, benchFileName, benchJson } from './benchExport';
import { benchRatios, compareRuns } from './benchCompare';
import { methodBars, metricByBatch, percentilesByBatch } from './benchChartData';
import { summarize } from '@/shared/stats';
import type { BatchResult, BenchVariant, VariantResult } from './messages';
import type { ModelInfo } from '@/engine/shared/types';

const APP: BenchVariant = { kind: 'model', method: 'auto' };
const BARE: BenchVariant = { kind: 'bare' };
const memory = (before = 10, after = 10) => ({
  before: { numTensors: before, numBytes: before * 4 },
  after: { numTensors: after, numBytes: after * 4 },
  maxRunTensorGrowth: 0,
  leaked: after !== before,
});
const variant = (v: BenchVariant, samples: number[], firstMs = 99): VariantResult => ({
  variant: v,
  samples,
  stats: samples.length ? summarize(samples) : null,
  firstMs,
  skipped: null,
});
const batch = (size: number, app: number[], bare: number[], extra: Partial<BatchResult> = {}): BatchResult => ({
  batch: size,
  status: 'ok',
  error: null,
  variants: [variant(APP, app), variant(BARE, bare)],
  memory: memory(),
  ...extra,
});
const modelInfo = { key: 'm@1', loadMs: 120, fromCache: true, warmupMs: 40 } as ModelInfo;

function combo(model: string, backend: 'wasm' | 'webgl', batches: BatchResult[]): ComboResult {
  return {
    model,
    modelName: model,
    backend,
    status: 'ok',
    error: null,
    batches,
    summary: { model: modelInfo, backend, inputNote: 'random', batches, largestOkBatch: 8, totalMs: 1 },
  };
}

function run(combos: ComboResult[], id = 'r1'): BenchRun {
  return {
    id,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    status: 'done',
    config: {
      kind: 'sweep',
      models: ['m'],
      backends: ['wasm'],
      batches: [1, 8],
      warmup: 1,
      runs: 4,
      durationMs: null,
      input: 'random',
      variants: [APP, BARE],
      coldStart: true,
    },
    environment: {
      userAgent: 'UA, "quoted"',
      crossOriginIsolated: false,
      hardwareConcurrency: 2,
      tfjsVersion: '4.22.0',
      backends: [{ requested: 'wasm', used: 'wasm', reason: 'forced', adapter: null, webglRenderer: null, flags: { WEBGL_PACK: true } }],
    },
    combos,
    longTasks: { count: 0, longestMs: 0, supported: true },
  };
}

// Batch 1: app 10,12,14,16 (mean 13, p50 13); bare 10,11,12,13 (p50 11.5). Batch 8: app 40 ×4 (mean 40 → 200 img/s).
const sample = run([
  combo('m', 'wasm', [
    batch(1, [10, 12, 14, 16], [10, 11, 12, 13]),
    batch(8, [40, 40, 40, 40], [38, 38, 38, 38]),
    {
      batch: 32,
      status: 'failed',
      error: { name: 'Error', code: 'out-of-memory', message: 'Failed to allocate, really' },
      variants: [{ variant: APP, samples: [], stats: null, firstMs: null, skipped: 'failed: Failed to allocate, really' }],
      memory: memory(10, 12),
    },
  ]),
]);

describe('benchmark rows', () => {
  it('flattens a run into one row per batch × variant with per-image time and throughput', () => {
    const rows = benchRows(sample);
    expect(rows.map((r) => [r.batch, r.variant, r.status])).toEqual([
      [1, 'app', 'ok'],
      [1, 'bare', 'ok'],
      [8, 'app', 'ok'],
      [8, 'bare', 'ok'],
      [32, 'app', 'failed'],
    ]);
    expect(rows[2]).toMatchObject({ mean: 40, p50: 40, perImage: 5, throughput: 200, count: 4, firstMs: 99 });
    expect(rows[0]).toMatchObject({ mean: 13, p50: 13, min: 10, max: 16 });
    expect(rows[4]).toMatchObject({ mean: null, leaked: true, tensorsBefore: 10, tensorsAfter: 12, note: expect.stringContaining('Failed to allocate') });
  });

  it('names the largest batch that worked when a larger one failed, and the cold start', () => {
    expect(memoryLimits(sample)).toEqual([{ model: 'm', backend: 'wasm', largestOk: 8, failedAt: [32] }]);
    expect(coldStartRows(sample)[0]).toMatchObject({
      loadMs: 120,
      fromCache: true,
      warmupMs: 40,
      firstRuns: [
        { batch: 1, firstMs: 99, p50: 13 },
        { batch: 8, firstMs: 99, p50: 40 },
        { batch: 32, firstMs: null, p50: null },
      ],
    });
  });
});

describe('exports', () => {
  it('CSV: the documented header, one line per row, quoting where needed, parseable numbers', () => {
    const lines = benchCsv(sample).trimEnd().split('\r\n');
    expect(lines[0]).toBe([...CSV_COLUMNS, ...CSV_ENVIRONMENT_COLUMNS].join(','));
    expect(lines).toHaveLength(1 + 5);
    // Every row ends with the environment; the user agent holds a comma and quotes: quoted, quotes doubled.
    expect(lines[1]!.endsWith(',,4.22.0,false,"UA, ""quoted"""')).toBe(true);
    const cells = lines[3]!.split(',');
    const at = (name: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(name)];
    expect([at('model'), at('backend'), at('batch'), at('variant'), at('status')]).toEqual(['m', 'wasm', '8', 'app', 'ok']);
    expect(Number(at('mean'))).toBe(40);
    expect(Number(at('throughput'))).toBe(200);
    // The failure note holds a comma: the cell is quoted, so the line still has one cell per column at the front.
    expect(lines[5]).toMatch(/,"failed: Failed to allocate, really",/);
  });

  it('JSON: schema, environment, every row, ratios and the raw samples', () => {
    const doc = JSON.parse(benchJson(sample)) as Record<string, unknown> & {
      rows: unknown[];
      environment: Record<string, unknown>;
      combos: ComboResult[];
      ratios: { appOverBare: number };
    };
    expect(doc['schema']).toBe(BENCH_SCHEMA);
    expect(doc.environment).toMatchObject({
      userAgent: 'UA, "quoted"',
      crossOriginIsolated: false,
      tfjsVersion: '4.22.0',
      backends: [{ used: 'wasm', flags: { WEBGL_PACK: true } }],
    });
    expect(doc.rows).toHaveLength(5);
    expect(doc.combos[0]!.batches[0]!.variants[0]!.samples).toEqual([10, 12, 14, 16]);
    // p50 ratios: batch 1 13 / 11.5, batch 8 40 / 38 → geometric mean.
    expect(doc.ratios.appOverBare).toBeCloseTo(Math.sqrt((13 / 11.5) * (40 / 38)), 10);
    expect(benchFileName(sample, 'csv')).toBe('lumen-benchmark-r1.csv');
  });
});

describe('comparisons', () => {
  it('app/peer pairs the whole classify path with the peer at the same model, backend and batch', () => {
    const peerRun = run([
      combo('p', 'wasm', [
        {
          ...batch(1, [], []),
          variants: [variant({ kind: 'pipeline', preprocess: 'backend' }, [9, 9, 9]), variant({ kind: 'peer', modelUrl: 'u' }, [10, 10, 10])],
        },
      ]),
    ]);
    const ratios = benchRatios(benchRows(peerRun));
    expect(ratios.appOverPeer).toBeCloseTo(0.9, 10);
    expect(ratios.appOverBare).toBeNull();
    expect(ratios.peer).toEqual([{ model: 'p', backend: 'wasm', batch: 1, p50Ratio: 0.9, meanRatio: 0.9 }]);
  });

  it('two runs side by side: matched rows get B/A, unmatched rows keep their side', () => {
    const faster = run([combo('m', 'wasm', [batch(1, [6.5, 6.5], [5, 5])]), combo('m', 'webgl', [batch(1, [100], [90])])], 'r2');
    const rows = compareRuns(benchRows(sample), benchRows(faster));
    const b1 = rows.find((r) => r.backend === 'wasm' && r.batch === 1 && r.variant === 'app');
    expect(b1?.ratio).toBeCloseTo(0.5, 10);
    expect(rows.find((r) => r.batch === 8 && r.variant === 'app')).toMatchObject({ b: null, ratio: null });
    expect(rows.find((r) => r.backend === 'webgl' && r.variant === 'app')).toMatchObject({ a: null, ratio: null });
  });
});

describe('chart data', () => {
  it('one point per batch size, one series per model × backend; percentiles for one series; bars per method', () => {
    const two = run([combo('m', 'wasm', [batch(1, [10], [9]), batch(8, [40], [38])]), combo('m', 'webgl', [batch(1, [100], [90])])]);
    const rows = benchRows(two);
    expect(metricByBatch(rows, 'throughput')).toEqual({
      series: ['m · wasm', 'm · webgl'],
      points: [
        { batch: 1, 'm · wasm': 100, 'm · webgl': 10 },
        { batch: 8, 'm · wasm': 200 },
      ],
    });
    expect(percentilesByBatch(rows, 'm · wasm').map((p) => [p.batch, p.p50])).toEqual([
      [1, 10],
      [8, 40],
    ]);
    expect(methodBars(rows.filter((r) => r.batch === 1))).toEqual({
      backends: ['wasm', 'webgl'],
      bars: [
        { variant: 'app', wasm: 10, webgl: 100 },
        { variant: 'bare', wasm: 9, webgl: 90 },
      ],
    });
  });
});
