/**
 * `--connect` inside npm test: two Playwright browser servers on localhost stand for two remote
 * devices. eval --data shards a tiny labelled folder over them and merges the per-image outcomes:
 * the shards' n add up to the folder and the merged top-1 is exactly a single browser's on the
 * same folder (counts merged, not figures averaged). bench runs whole on each and reports both
 * devices with rows carrying runtime, backend and threads. Wasm and a tiny model keep it short.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { launchBrowserServers, synsetFolder, type BrowserServers } from './fleetSupport';
import { needShared } from './support';
import { IMAGENET_SAMPLE } from '../src/testing/shared';
import type { FleetEvaluateDocument } from '../scripts/eval/evalFleet';
import type { EvaluateDocument } from '../src/features/evaluate/shared/evaluateJson';
import type { BenchDevice } from '../scripts/bench/benchFleet';
import { harnessIsStale } from '../scripts/common/harnessBuild';

const ROOT = resolve(import.meta.dirname, '..');
const TINY = 'mobilenet_v1_025_224_layers';
const IMAGES = 8;
const run = promisify(execFile);

/** Runs a script under tsx from the project root; its output is printed for the test's log. */
async function tsx(args: string[], timeout: number): Promise<string> {
  const { stdout, stderr } = await run('npx', ['tsx', ...args], { cwd: ROOT, timeout, maxBuffer: 64 * 1024 * 1024 });
  console.log(stdout);
  if (stderr) console.log(stderr.split('\n').slice(-15).join('\n'));
  return stdout;
}

test.describe('a fleet of remote browsers (--connect)', () => {
  let servers: BrowserServers | null = null;
  test.beforeEach(async () => {
    needShared({ paths: [IMAGENET_SAMPLE], models: [TINY] });
    servers = await launchBrowserServers(2);
  });
  test.afterEach(async () => {
    await servers?.close();
    servers = null;
  });
  const endpoints = (): string => {
    if (!servers) throw new Error('the browser servers did not start');
    return servers.endpoints.join(',');
  };

  test('eval --data --connect: two shards, n adding up, the merged top-1 a single browser’s', async () => {
    test.setTimeout(600_000); // a vite build of the harness when src/ changed since the last one
    const folder = synsetFolder(IMAGES);
    try {
      const fleetJson = join(dirname(folder), 'fleet.json');
      const singleJson = join(dirname(folder), 'single.json');
      const common = ['scripts/eval.ts', '--data', folder, '--model', TINY, '--backend', 'wasm', '--batch', '4'];
      const stdout = await tsx([...common, '--connect', endpoints(), '--json', fleetJson], 300_000);
      expect(stdout).toMatch(/merged over 2 device\(s\)/);
      await tsx([...common, '--json', singleJson], 300_000);
      const fleet = JSON.parse(await readFile(fleetJson, 'utf8')) as FleetEvaluateDocument;
      const single = JSON.parse(await readFile(singleJson, 'utf8')) as EvaluateDocument;

      expect(fleet.devices).toHaveLength(2);
      expect(fleet.devices.map((d) => d.endpoint).join(',')).toBe(endpoints());
      for (const { device, entries } of fleet.devices) {
        expect(device.userAgent).toMatch(/Chrome/);
        expect(device.cores).toBeGreaterThan(0);
        expect(device.runtimes.tfjs).toContain('wasm');
        expect(entries).toHaveLength(1);
        expect(entries[0]?.backend).toBe('wasm');
      }
      const shardN = fleet.devices.map((d) => d.entries[0]?.n ?? 0);
      expect(shardN.every((n) => n > 0)).toBe(true);
      expect(shardN.reduce((a, b) => a + b, 0)).toBe(IMAGES);
      const [merged] = fleet.entries;
      const [alone] = single.entries;
      expect(merged?.n).toBe(IMAGES);
      expect(alone?.n).toBe(IMAGES);
      // Counts merged: the folder's top-1 correct over its images, whatever each shard scored.
      expect(merged?.top1).toBe(alone?.top1);
      expect(merged?.top5).toBe(alone?.top5);
      const correct = fleet.devices.reduce((sum, d) => sum + (d.entries[0]?.perClass.reduce((s, c) => s + c.top1Correct, 0) ?? 0), 0);
      expect(merged?.top1).toBe(correct / IMAGES);
    } finally {
      await rm(dirname(folder), { recursive: true, force: true });
    }
  });

  test('bench --connect: the whole bench on each device, its rows carrying runtime, backend and threads', async () => {
    test.setTimeout(400_000);
    const folder = synsetFolder(1); // only for its temp dir: the JSON goes beside it
    try {
      const json = join(dirname(folder), 'bench.json');
      const args = ['--model', TINY, '--backend', 'wasm', '--batches', '1', '--warmup', '1', '--runs', '3', '--no-peer', '--no-bare', '--image', 'random'];
      // bench rebuilds the harness unless told not to; a fresh one is this code already.
      const build = (await harnessIsStale()) ? [] : ['--no-build'];
      await tsx(['scripts/bench.ts', ...args, ...build, '--connect', endpoints(), '--json', json], 380_000);
      const document = JSON.parse(await readFile(json, 'utf8')) as { devices: BenchDevice[]; rows: unknown[] };
      expect(document.devices).toHaveLength(2);
      for (const { device, rows, error } of document.devices) {
        expect(error).toBeUndefined();
        expect(device.userAgent).toMatch(/Chrome/);
        expect(device.backends).toContain('wasm');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ model: TINY, runtime: 'tfjs', backend: 'wasm', batch: 1 });
        expect(rows[0]?.threads).toBeGreaterThanOrEqual(1);
      }
      expect(document.rows).toHaveLength(1); // the first device's, at the top level
    } finally {
      await rm(dirname(folder), { recursive: true, force: true });
    }
  });
});
