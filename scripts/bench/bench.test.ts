import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchCli, PEER_MODEL } from './benchArgs';
import { formatEnvironment, formatRatios, formatTable, reportRows } from './benchReport';
import type { BenchRow } from '../../src/features/benchmark/shared/benchRun';

describe('npm run bench flags', () => {
  it('reads the documented flags; comma lists for models and backends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    writeFileSync(join(dir, 'cat.jpg'), 'x');
    const cli = parseBenchCli(
      [
        '--model',
        'a,b',
        '--backend',
        'wasm',
        '--backend',
        'webgl',
        '--batches',
        '32,1,8',
        '--warmup',
        '3',
        '--runs',
        '7',
        '--image',
        'cat.jpg',
        '--json',
        'out.json',
        '--no-peer',
      ],
      dir,
    );
    expect(cli).toMatchObject({
      models: ['a', 'b'],
      backends: ['wasm', 'webgl'],
      batches: [1, 8, 32],
      warmup: 3,
      runs: 7,
      durationMs: null,
      image: join(dir, 'cat.jpg'),
      json: 'out.json',
      bare: true,
      peer: false,
      build: true,
    });
  });

  it('defaults: the peer model on wasm, batches 1..32, 10 warm-up and 50 timed runs; noise when the default image is absent', () => {
    const cli = parseBenchCli([], mkdtempSync(join(tmpdir(), 'bench-')));
    expect(cli).toMatchObject({ models: [PEER_MODEL], backends: ['wasm'], batches: [1, 2, 4, 8, 16, 32], warmup: 10, runs: 50, image: null });
    expect(parseBenchCli(['--duration', '2.5', '--image', 'random']).durationMs).toBe(2500);
  });

  it('rejects what it cannot run, saying why', () => {
    expect(() => parseBenchCli(['--backend', 'tpu'])).toThrow(/unknown backend "tpu"/);
    expect(() => parseBenchCli(['--runs', '0'])).toThrow(/--runs must be a whole number ≥ 1/);
    expect(() => parseBenchCli(['--batches', '1,x'])).toThrow(/"x" is not a batch size/);
    expect(() => parseBenchCli(['--image', 'missing.jpg'], tmpdir())).toThrow(/no such file/);
    expect(() => parseBenchCli(['--frobnicate'])).toThrow();
    expect(() => parseBenchCli(['--weights', 'int4'])).toThrow(/unknown weights "int4"/);
  });

  it('--weights runs every model with each weights, side by side; ID:weights picks one directly', () => {
    expect(parseBenchCli(['--model', 'a,b', '--weights', 'float32,float16'], tmpdir()).models).toEqual(['a', 'a:float16', 'b', 'b:float16']);
    expect(parseBenchCli(['--model', 'a:uint8'], tmpdir()).models).toEqual(['a:uint8']);
  });

  it('--isolated serves the harness cross-origin isolated (threaded wasm); off by default', () => {
    expect(parseBenchCli([], tmpdir()).isolated).toBe(false);
    expect(parseBenchCli(['--isolated'], tmpdir()).isolated).toBe(true);
  });
});

describe('npm run bench environment line', () => {
  const adapter = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true, limits: {} };
  const backend = { reason: '', flags: {}, webglRenderer: null, adapter };
  it('says how many threads wasm ran with, and names the adapter only for webgpu', () => {
    const line = formatEnvironment({
      userAgent: 'UA',
      crossOriginIsolated: true,
      hardwareConcurrency: 16,
      tfjsVersion: '4.22.0',
      backends: [
        { ...backend, requested: 'wasm', used: 'wasm', wasmThreads: 8 },
        { ...backend, requested: 'webgpu', used: 'webgpu' },
      ],
    });
    expect(line).toBe('tfjs 4.22.0 · wasm→wasm (8 threads), webgpu→webgpu (google swiftshader) · crossOriginIsolated true · 16 cores · UA');
  });
});

describe('npm run bench output', () => {
  const row = (variant: string, batch: number, mean: number): BenchRow => ({
    model: 'm',
    runtime: 'tfjs',
    backend: 'wasm',
    threads: 1,
    batch,
    variant,
    status: 'ok',
    note: '',
    count: 3,
    mean,
    std: 0.5,
    min: mean - 1,
    max: mean + 1,
    p50: mean,
    p95: mean + 0.9,
    p99: mean + 0.99,
    perImage: mean / batch,
    throughput: (batch * 1000) / mean,
    firstMs: 1,
    tensorsBefore: 0,
    tensorsAfter: 0,
    bytesBefore: 0,
    bytesAfter: 0,
    leaked: false,
  });

  it('keeps the issue’s row fields, only for the variant asked for and only rows that ran', () => {
    const rows = [row('app', 1, 5), row('bare', 1, 4), { ...row('app', 8, 0), status: 'failed' as const, mean: null }];
    expect(reportRows(rows, 'app')).toEqual([
      {
        model: 'm',
        runtime: 'tfjs',
        backend: 'wasm',
        threads: 1,
        batch: 1,
        mean: 5,
        std: 0.5,
        min: 4,
        max: 6,
        p50: 5,
        p95: 5.9,
        p99: 5.99,
        perImage: 5,
        throughput: 200,
      },
    ]);
  });

  it('prints an aligned table and the ratios with their targets', () => {
    const table = formatTable(reportRows([row('app', 1, 5), row('app', 16, 40)], 'app')).split('\n');
    expect(table[0]).toMatch(/^model\s+runtime\s+backend\s+threads\s+batch\s+mean\s+std\s+min\s+max\s+p50\s+p95\s+p99\s+ms\/img\s+img\/s$/);
    expect(table).toHaveLength(4);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[3]).toMatch(/16\s+40\.00 .* 2\.50\s+400\.0$/);
    const lines = formatRatios({ appOverBare: 1.02, appOverBareMean: 1.03, appOverPeer: null, appOverPeerMean: null, bare: [], peer: [] });
    expect(lines[0]).toBe('app/bare  = 1.020 (median basis; mean basis 1.030; target ≤ 1.05)');
    expect(lines[1]).toMatch(/^app\/peer {2}= n\/a/);
  });
});
