/**
 * Faults provoked through the stable hook (?faults=on → window.lumenFaults.inject) in the middle of
 * a drop. Each time, every image must still get the result it gets without the fault (the same
 * top-1 as a clean run of the same files), the person is told what happened, and the recovery
 * time is printed as a FIGURE (never asserted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { IMAGENET_SAMPLE, hasWebGpuAdapter, needShared, openApp, requireShared, settledResults } from './support';

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

declare global {
  interface Window {
    /** The page's fault hook (src/engine/client/faults.ts), present with ?faults=on. */
    lumenFaults?: { inject(kind: string): Promise<void> };
  }
}

/** The first `n` files of the ImageNet sample (real photos of n different classes). */
function sample(n: number): FilePayload[] {
  needShared({ paths: [IMAGENET_SAMPLE] });
  const dir = IMAGENET_SAMPLE;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.JPEG'))
    .sort()
    .slice(0, n)
    .map((name) => ({ name, mimeType: 'image/jpeg', buffer: readFileSync(resolve(dir, name)) }));
}

async function drop(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('drop-input').setInputFiles(files);
}

/** Drops the files, waits for every card, returns file → top-1 (every card must be ok). */
async function classifyAll(page: Page, files: FilePayload[]): Promise<Map<string, number | null>> {
  const results = await settledResults(page, files.length);
  const top1 = new Map<string, number | null>();
  for (const [file, r] of results) {
    expect(r.status, `${file}: ${r.text}`).toBe('ok');
    top1.set(file, r.top1);
  }
  return top1;
}

async function clear(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('result')).toHaveCount(0);
}

/** Waits until at least `n` cards have a result, so the fault lands mid-drop. */
async function waitForDone(page: Page, n: number): Promise<void> {
  await expect.poll(() => page.locator('[data-testid=result]:not([data-status=pending])').count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(n);
}

async function recoveryMs(page: Page, kind: string): Promise<number> {
  const notice = page.locator(`[data-testid=notice][data-kind=${kind}]`).first();
  await expect(notice).toBeVisible();
  return Number(await notice.getAttribute('data-recovery-ms'));
}

async function faultRun(page: Page, files: FilePayload[], kind: string, afterDone: number): Promise<Map<string, number | null>> {
  if (process.env['LUMEN_DEBUG']) page.on('console', (m) => console.log(`[page ${m.type()}] ${m.text()}`));
  await drop(page, files);
  await waitForDone(page, afterDone);
  const pendingAtFault = await page.locator('[data-testid=result][data-status=pending]').count();
  expect(pendingAtFault, 'the fault must land while images are still in flight').toBeGreaterThan(0);
  await page.evaluate((k) => window.lumenFaults?.inject(k), kind);
  return classifyAll(page, files);
}

test('without ?faults=on there is no fault hook', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=wasm', 'wasm');
  expect(await page.evaluate(() => typeof window.lumenFaults)).toBe('undefined');
  await expect(page.getByTestId('tf-memory')).toHaveAttribute('data-tensors', /\d+/);
});

for (const backend of ['webgl', 'webgpu'] as const) {
  test(`GPU lost on ${backend} mid-drop: the backend is rebuilt, the model reloaded, every image gets its result`, async ({ page }) => {
    requireShared('mobilenet_v1_025_224_graph');
    test.setTimeout(300_000);
    await page.goto('./');
    if (backend === 'webgpu' && !(await hasWebGpuAdapter(page))) test.skip(true, 'no WebGPU adapter');
    await openApp(page, `?model=mobilenet_v1_025_224_graph&backend=${backend}&faults=on`, backend);
    // More than one batch (webgpu classifies 16 at a time, webgl 8), so images are still pending when the fault lands.
    const files = sample(backend === 'webgl' ? 24 : 20);
    await drop(page, files);
    const clean = await classifyAll(page, files);
    await clear(page);
    const afterFault = await faultRun(page, files, 'gpu-lost', 2);
    expect(afterFault).toEqual(clean);
    await expect(page.getByTestId('backend')).toHaveText(backend);
    console.log(`FIGURE gpu-lost on ${backend}: recovered (backend rebuilt + model reloaded) in ${(await recoveryMs(page, 'gpu-lost')).toFixed(0)} ms`);
  });
}

test('a GPU that does not come back: the engine falls back to the next backend and says why', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  test.setTimeout(300_000);
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=webgl&faults=on', 'webgl');
  const files = sample(24);
  await drop(page, files);
  const clean = await classifyAll(page, files);
  await clear(page);
  const afterFault = await faultRun(page, files, 'gpu-gone', 2);
  expect(afterFault).toEqual(clean);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.locator('[data-testid=notice][data-kind=backend-fallback]')).toContainText(/webgl lost its GPU.*fell back to wasm/);
  console.log(`FIGURE gpu-gone on webgl → wasm: fell back in ${(await recoveryMs(page, 'backend-fallback')).toFixed(0)} ms`);
});

test('worker killed mid-drop: a new worker finishes the drop, nothing is repeated or left pending', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  test.setTimeout(300_000);
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=wasm&faults=on', 'wasm');
  const files = sample(60);
  await drop(page, files);
  const clean = await classifyAll(page, files);
  const tensorsBefore = await page.getByTestId('tf-memory').getAttribute('data-tensors');
  await clear(page);
  const afterFault = await faultRun(page, files, 'worker-crash', 8);
  expect(afterFault).toEqual(clean);
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-done', String(files.length));
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  // The new worker holds what the old one held: the model's weights, nothing more.
  await expect(page.getByTestId('tf-memory')).toHaveAttribute('data-tensors', tensorsBefore ?? '');
  console.log(`FIGURE worker-crash on wasm: new worker running again in ${(await recoveryMs(page, 'worker-restarted')).toFixed(0)} ms`);
});

test('a batch out of memory is split and retried: every image gets its result', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=wasm&faults=on', 'wasm');
  const files = sample(16);
  await drop(page, files);
  const clean = await classifyAll(page, files);
  await clear(page);
  await page.evaluate(() => window.lumenFaults?.inject('oom'));
  await drop(page, files);
  expect(await classifyAll(page, files)).toEqual(clean);
  await expect(page.locator('[data-testid=notice][data-kind=batch-split]').first()).toBeVisible();
});
