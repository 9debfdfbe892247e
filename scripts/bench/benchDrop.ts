/**
 * `npm run bench -- --drop N`: N real photos through the app's own classify path, as a drop in the
 * page sends them (worker 'classify' requests of REQUEST_CHUNK images posted a task apart, each
 * answered item by item with top-k and a thumbnail), timed from the first post to the last answer.
 * Its throughput over the bare model's at the same batch size is `ratios.dropOverBare`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LumenHarness } from '../../src/harness/main';
import type { BackendName } from '../../src/engine/shared/types';
import type { ClassifyItem } from '../../src/features/classify/shared/messages';
import type { BenchRow } from '../../src/features/benchmark/shared/benchRun';
import { parseChoice } from '../../src/shared/weights/choice';

export const DROP_DIR = '../shared/images/imagenet-sample';
/** As src/features/classify/client/classifyActions.ts posts a drop: requests of 48, one task apart. */
const REQUEST_CHUNK = 48;
/** What the page asks for per forward pass on wasm (lib/batches/batchSize.ts DEFAULT_CLASSIFY_BATCH.wasm). */
export const DROP_BATCH = 8;
/** Top-k the page shows by default. */
const DROP_K = 5;

export interface DropRun {
  model: string;
  backend: BackendName;
  images: number;
  failed: number;
  batchSize: number;
  /** Wall time of each timed drop, ms (the first, untimed drop warms the decoder and shapes). */
  wallMs: number[];
  /** Images per second of the median drop. */
  throughput: number;
  /**
   * Where the last drop's time went, summed over its images (ms): forward + read-back, preprocess
   * (both on the worker's thread, one after the other) and decode (overlapped: not part of the wall).
   */
  lastRun: { wallMs: number; modelMs: number; preprocessMs: number; decodeMs: number; batchSize: number } | null;
}

export interface DropRatio {
  model: string;
  backend: string;
  batch: number;
  drop: number;
  bare: number;
  ratio: number;
}

/** The first `count` photos of the sample (sorted by name): a fixed, repeatable drop. */
export function dropFiles(dir: string, count: number): string[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort();
  if (files.length < count) throw new Error(`--drop ${count}: only ${files.length} images in ${dir}`);
  return files.slice(0, count).map((f) => join(dir, f));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Runs the drop `runs` times (after one untimed) on `backend` in the harness page's worker. */
export async function runDrop(page: Page, urls: readonly string[], modelId: string, backend: BackendName, runs: number): Promise<DropRun> {
  const timed = await page.evaluate(
    async ({ urls, choice, backend, runs, chunk, batchSize, k }) => {
      const harness = (window as unknown as { lumenHarness: LumenHarness }).lumenHarness;
      const { engine } = harness;
      await engine.init({ backend });
      const spec = await harness.spec(choice.id, choice.weights);
      await engine.load({ model: spec });
      const blobs = await Promise.all(urls.map(async (url) => ({ name: url.split('/').pop() ?? url, kind: 'blob' as const, blob: await harness.blob(url) })));
      type Timed = { ms: number; failed: number; modelMs: number; preprocessMs: number; decodeMs: number; batches: number[] };
      const drop = async (): Promise<Timed> => {
        const started = performance.now();
        const requests: Promise<{ failed: number }>[] = [];
        // Each item carries its batch's times: a batch's share per image adds up to the whole.
        const sums = { modelMs: 0, preprocessMs: 0, decodeMs: 0 };
        const batches: number[] = [];
        for (let start = 0; start < blobs.length; start += chunk) {
          if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
          const onEvent = (event: { type: string; item?: ClassifyItem }): void => {
            if (event.type !== 'item' || event.item?.status !== 'ok') return;
            const { batchMs, preprocessMs, decodeMs, batchSize: size } = event.item;
            sums.modelMs += batchMs / size;
            sums.preprocessMs += preprocessMs / size;
            sums.decodeMs += decodeMs;
            batches.push(size);
          };
          requests.push(engine.classify({ model: spec, k, images: blobs.slice(start, start + chunk), batchSize }, { onEvent }).result);
        }
        const answers = await Promise.all(requests);
        return { ms: performance.now() - started, failed: answers.reduce((sum, a) => sum + a.failed, 0), ...sums, batches };
      };
      await drop();
      const results: Timed[] = [];
      for (let i = 0; i < runs; i += 1) results.push(await drop());
      return results;
    },
    { urls: [...urls], choice: parseChoice(modelId), backend, runs, chunk: REQUEST_CHUNK, batchSize: DROP_BATCH, k: DROP_K },
  );
  const wallMs = timed.map((t) => t.ms);
  const last = timed.at(-1);
  return {
    lastRun: last
      ? { wallMs: last.ms, modelMs: last.modelMs, preprocessMs: last.preprocessMs, decodeMs: last.decodeMs, batchSize: Math.max(0, ...last.batches) }
      : null,
    model: modelId,
    backend,
    images: urls.length,
    failed: Math.max(0, ...timed.map((t) => t.failed)),
    batchSize: DROP_BATCH,
    wallMs,
    throughput: (urls.length * 1000) / median(wallMs),
  };
}

/** Drop throughput over the bare model's (images/s, mean basis) at the drop's batch size. */
export function dropRatios(drops: readonly DropRun[], rows: readonly BenchRow[]): DropRatio[] {
  return drops.flatMap((d) => {
    const bare = rows.find((r) => r.variant === 'bare' && r.status === 'ok' && r.model === d.model && r.backend === d.backend && r.batch === d.batchSize);
    if (!bare?.throughput) return [];
    return [{ model: d.model, backend: d.backend, batch: d.batchSize, drop: d.throughput, bare: bare.throughput, ratio: d.throughput / bare.throughput }];
  });
}

export function formatDrops(drops: readonly DropRun[], ratios: readonly DropRatio[]): string[] {
  const lines = drops.flatMap((d) => {
    const head = `drop ${d.model} ${d.backend}: ${d.images} images, batch ${d.lastRun?.batchSize ?? d.batchSize}, ${d.failed} failed; ${d.wallMs.map((ms) => ms.toFixed(0)).join(' / ')} ms → ${d.throughput.toFixed(1)} img/s (median)`;
    const r = d.lastRun;
    if (!r) return [head];
    const share = (ms: number): string => `${ms.toFixed(0)} ms (${((100 * ms) / r.wallMs).toFixed(0)} %)`;
    return [
      head,
      `  last drop ${r.wallMs.toFixed(0)} ms: model ${share(r.modelMs)}, preprocess ${share(r.preprocessMs)}, decode ${r.decodeMs.toFixed(0)} ms (overlapped)`,
    ];
  });
  const worst = ratios.length ? Math.min(...ratios.map((r) => r.ratio)) : null;
  lines.push(`drop/bare = ${worst === null ? 'n/a (no bare row at the drop batch size: add it to --batches)' : worst.toFixed(3)} (throughput; target ≥ 0.9)`);
  for (const r of ratios)
    lines.push(`  ${r.model} ${r.backend} batch ${r.batch}: drop ${r.drop.toFixed(1)} img/s, bare ${r.bare.toFixed(1)} img/s → ${r.ratio.toFixed(3)}`);
  return lines;
}
