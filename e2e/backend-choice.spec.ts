/**
 * The measured automatic backend: after the first result the worker times each backend (and, for
 * MobileNetV2, the members of its family on ONNX Runtime and LiteRT) and the page remembers the
 * pick per (model, device) in localStorage; on reload the remembered choice is used before the
 * model loads (still the automatic choice: a worker started afresh after a crash keeps it,
 * unforced), and a forced ?backend= always wins over it.
 */
import { expect, test } from './fixtures';
import { photoFile, requireShared } from './support';

const MODEL = 'mobilenet_v2_100_224';
const PREFIX = `lumen.backendChoice:${MODEL}|`;

const storedChoice = (page: import('@playwright/test').Page) =>
  page.evaluate((prefix) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith(prefix));
    return key
      ? { key, value: JSON.parse(localStorage.getItem(key) ?? 'null') as { backend: string; summary: string; at: number; modelId?: string; batch?: number } }
      : null;
  }, PREFIX);

test('measured after the first result, remembered on reload, overridden by ?backend=', async ({ page }) => {
  requireShared(MODEL);
  test.setTimeout(180_000);
  await page.goto(`./?model=${MODEL}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  const provisional = await page.getByTestId('backend').textContent();
  expect(await storedChoice(page)).toBeNull();

  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
  await expect(page.locator('[data-testid=result][data-file="chelsea.png"][data-status=ok]')).toHaveCount(1);
  // The measurement runs after the first result, in the worker, within a few seconds' budget.
  await expect.poll(() => storedChoice(page), { timeout: 60_000 }).not.toBeNull();
  const measured = await storedChoice(page);
  console.log(`FIGURE backend choice (${provisional} provisional): ${measured?.value.summary}`);
  // The family's other members were timed beside the TF.js model, each on its own runtime.
  expect(measured?.value.summary).toMatch(/ms.*→ (tfjs|ort|litert)\/(webgpu|webgl|wasm)/);
  expect(measured?.value.summary).toMatch(/ort\/wasm(×\d)? (\d|skipped)/);
  expect(measured?.value.summary).toMatch(/litert\/wasm(×\d)? (\d|skipped)/);
  await expect(page.getByTestId('backend')).toHaveText(measured?.value.backend ?? '');
  // Whatever won runs: a member in the model's place (said under the picker), or the model itself.
  const member = measured?.value.modelId;
  const runtime = member === undefined ? 'tfjs' : member.endsWith('_tflite') ? 'litert' : 'ort';
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', runtime);
  await expect(page.getByTestId('running-member')).toHaveCount(member === undefined ? 0 : 1);

  // Remember another backend than the rule's for this model and device: a reload must use it.
  const other = provisional === 'wasm' ? 'webgl' : 'wasm';
  await page.evaluate(({ key, value }) => localStorage.setItem(key, JSON.stringify(value)), {
    key: measured?.key ?? '',
    value: { backend: other, summary: `forged by the test → ${other}`, at: Date.now() },
  });
  await page.goto(`./?model=${MODEL}&view=inspect&faults=on`);
  await expect(page.getByTestId('backend')).toHaveText(other);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('inspect-engine')).toHaveAttribute('data-backend', other);
  await expect(page.getByTestId('inspect-engine')).toContainText('measured on an earlier visit: forged by the test');
  await expect(page.getByTestId('backend-choice')).toContainText('remembered for this model and device');

  // A worker started afresh replays the choice as what it is, the measured automatic one: not "forced by the user".
  await page.evaluate(() => (window as unknown as { lumenFaults: { inject(kind: string): Promise<void> } }).lumenFaults.inject('worker-crash'));
  await expect(page.locator('[data-testid=notice][data-kind=worker-restarted]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backend')).toHaveText(other);
  await expect(page.getByTestId('inspect-engine')).toContainText('measured on an earlier visit: forged by the test');
  await expect(page.getByTestId('inspect-engine')).not.toContainText('forced by the user');

  // A forced backend wins over the remembered one, and leaves it stored.
  await page.goto(`./?model=${MODEL}&view=inspect&backend=wasm`);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('backend-choice')).toHaveAttribute('data-status', 'forced');
  expect((await storedChoice(page))?.value.backend).toBe(other);
});

test('a remembered family member runs in place of the model; a forced backend runs the model itself', async ({ page }) => {
  requireShared(MODEL, 'mobilenet_v2_100_224_quant_tflite');
  test.setTimeout(120_000);
  await page.goto(`./?model=${MODEL}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  // A first measurement names the key (model and this device); then forge what one that found the
  // uint8 TFLite member fastest on wasm would store there.
  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
  await expect.poll(() => storedChoice(page), { timeout: 60_000 }).not.toBeNull();
  const measured = await storedChoice(page);
  const forged = {
    backend: 'wasm',
    summary: 'forged by the test → litert/wasm (mobilenet_v2_100_224_quant_tflite)',
    at: Date.now(),
    modelId: 'mobilenet_v2_100_224_quant_tflite',
  };
  await page.evaluate(({ key, value }) => localStorage.setItem(key, JSON.stringify(value)), { key: measured?.key ?? '', value: forged });

  await page.goto(`./?model=${MODEL}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', 'litert');
  await expect(page.getByTestId('running-member')).toHaveAttribute('data-member', 'mobilenet_v2_100_224_quant_tflite');
  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
  const card = page.locator('[data-testid=result][data-file="chelsea.png"][data-status=ok]');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(/cat/i);

  await page.goto(`./?model=${MODEL}&backend=wasm`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', 'tfjs');
  await expect(page.getByTestId('running-member')).toHaveCount(0);
});

test('isolated: one wasm thread is timed against several for TF.js and ONNX Runtime, and the worker runs the count that won', async ({ page }) => {
  requireShared(MODEL, 'mobilenet_v2_100_224_onnx');
  test.setTimeout(240_000);
  const wasmThreads = async () => Number(await page.getByTestId('isolation').getAttribute('data-wasm-threads'));
  await page.goto(`./?model=${MODEL}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  // The service worker makes the page cross-origin isolated from the next load on: threads become possible.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  await page.reload();
  await expect(page.getByTestId('isolation')).toHaveAttribute('data-isolated', 'true');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(cores, 'one core has no second thread count to time').toBeGreaterThanOrEqual(2);

  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
  await expect(page.locator('[data-testid=result][data-file="chelsea.png"][data-status=ok]')).toHaveCount(1);
  await expect.poll(() => storedChoice(page), { timeout: 120_000 }).not.toBeNull();
  const measured = (await storedChoice(page)) as { key: string; value: { summary: string; wasmThreads?: number; modelId?: string } };
  console.log(`FIGURE isolated backend choice (${cores} cores): ${measured.value.summary}`);
  // Both counts were timed, for TF.js and for ONNX Runtime (the probe worker ran the other).
  expect(measured.value.summary).toMatch(/tfjs\/wasm×1 \d/);
  expect(measured.value.summary).toMatch(/tfjs\/wasm×[2-4] \d/);
  expect(measured.value.summary).toMatch(/ort\/wasm×1 (\d|skipped)/);
  expect(measured.value.summary).toMatch(/ort\/wasm×[2-4] (\d|skipped)/);
  // The winner's count is what the engine's worker now runs (when wasm runs at all).
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  if ((await page.getByTestId('backend').textContent()) === 'wasm') {
    if (measured.value.wasmThreads === 1) await expect.poll(wasmThreads).toBe(1);
    else await expect.poll(wasmThreads).toBeGreaterThan(1);
  }

  // A remembered one-thread choice restarts the worker on one thread before the model loads; the header says so.
  const forged = { backend: 'wasm', summary: 'forged by the test → tfjs/wasm×1', at: Date.now(), wasmThreads: 1 };
  await page.evaluate(({ key, value }) => localStorage.setItem(key, JSON.stringify(value)), { key: measured.key, value: forged });
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect.poll(wasmThreads).toBe(1);
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-threads', '1');
  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
  await expect(page.locator('[data-testid=result][data-file="chelsea.png"][data-status=ok]')).toContainText(/cat/i);
  // And a remembered choice without a count goes back to the default.
  await page.evaluate(({ key, value }) => localStorage.setItem(key, JSON.stringify(value)), {
    key: measured.key,
    value: { backend: 'wasm', summary: 'forged by the test → tfjs/wasm', at: Date.now() },
  });
  await page.reload();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect.poll(wasmThreads).toBeGreaterThan(1);
});
