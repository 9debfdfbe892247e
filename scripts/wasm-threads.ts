/**
 * Single-threaded against threaded wasm in one run (issue 8): the harness build (the app's own
 * worker, production bundle) served twice by `vite preview`, once plain and once with COOP/COEP,
 * so the same code runs on one thread and, cross-origin isolated, on several. Also prints the
 * performance.now() granularity each way. Usage: npx tsx scripts/wasm-threads.ts [--runs N] [--warmup N] [--timers-only]
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './common/chromium';
import { HARNESS_CONFIG } from './common/harnessBuild';
import { formatTable, reportRows } from './bench/benchReport';
import { benchRows, type BenchConfig, type BenchRun } from '../src/features/benchmark/shared/benchRun';
import { ISOLATION_HEADERS } from '../src/sw/serviceWorkerRules';
import type { LumenHarness } from '../src/harness/main';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2' }, 'timers-only': { type: 'boolean', default: false } },
});
const MODELS = ['mobilenet_v2_100_224', 'resnet50'];
const ROOT = new URL('..', import.meta.url).pathname;

async function serve(headers: Record<string, string>): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root: ROOT,
    configFile: HARNESS_CONFIG,
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: false, headers },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a port');
  return { server, url: `http://127.0.0.1:${address.port}/harness.html` };
}

/** The smallest non-zero step of performance.now() seen over many reads, in µs. */
const timerStepUs = (): number => {
  let smallest = Infinity;
  let last = performance.now();
  for (let i = 0; i < 200_000; i++) {
    const now = performance.now();
    if (now > last) smallest = Math.min(smallest, now - last);
    last = now;
  }
  return smallest * 1000;
};

console.error('building the harness (vite build -c vite.harness.config.ts)…');
await build({ root: ROOT, configFile: HARNESS_CONFIG, logLevel: 'warn' });
const plain = await serve({});
const isolated = await serve({ ...ISOLATION_HEADERS });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const context = await browser.newContext();
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const open = async (url: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'lumenHarness' in window, null, { timeout: 60_000 });
    return page;
  };
  const pages = { 'single-threaded': await open(plain.url), 'threaded (isolated)': await open(isolated.url) };
  const rows = [];
  for (const [label, page] of Object.entries(pages)) {
    const pageStep = await page.evaluate(timerStepUs);
    // The benchmark times inside the TF.js worker: its clock is the one that matters.
    const worker = page.workers().find((w) => !w.url().startsWith('blob:'));
    const workerStep = worker ? await worker.evaluate(timerStepUs) : NaN;
    console.log(
      `${label}: crossOriginIsolated ${await page.evaluate(() => crossOriginIsolated)}, performance.now() step: page ${pageStep.toFixed(1)} µs, TF.js worker ${workerStep.toFixed(1)} µs`,
    );
  }
  for (const model of values['timers-only'] ? [] : MODELS) {
    for (const [label, page] of Object.entries(pages)) {
      const config: BenchConfig = {
        kind: 'sweep',
        models: [model],
        backends: ['wasm'],
        batches: [1, 8],
        warmup: Number(values.warmup),
        runs: Number(values.runs),
        durationMs: null,
        input: 'random',
        variants: [{ kind: 'model', method: 'auto' }],
        coldStart: false,
      };
      console.error(`${model} · ${label}…`);
      const run: BenchRun = await page.evaluate((c) => (window as unknown as { lumenHarness: LumenHarness }).lumenHarness.bench(c, []), config);
      const backend = run.environment.backends[0];
      console.error(`  used ${backend?.used}, WASM_HAS_MULTITHREAD_SUPPORT ${String(backend?.flags['WASM_HAS_MULTITHREAD_SUPPORT'])}`);
      rows.push(...reportRows(benchRows(run), 'app').map((r) => ({ ...r, backend: `wasm ${label}` })));
    }
  }
  if (rows.length > 0)
    console.log(
      `\nhardwareConcurrency ${await pages['single-threaded'].evaluate(() => navigator.hardwareConcurrency)}; warm-up ${values.warmup}, ${values.runs} timed runs per batch size; random input; ms per batch:`,
    );
  if (rows.length > 0) console.log(formatTable(rows));
} finally {
  await browser.close();
  await plain.server.close();
  await isolated.server.close();
}
