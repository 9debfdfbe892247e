/**
 * Issue 9 item 4: lighter weights. `?weights=float16` loads the float16 files (their own folder),
 * classifies a photo with the same top-1 as float32, and the picker shows what each choice
 * downloads. An unknown or unoffered choice says so and loads float32.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { acceptableTop1, classifyPhoto, isInstalled, openApp, openOnWasm, photoFile, requireShared, settledResults } from './support';

const MODEL = 'mobilenet_v2_100_224';
const PHOTO = 'parrot.jpg';
type Variant = { weights: string; totalBytes: number };
const CATALOG = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/models/catalog.json'), 'utf8')) as {
  models: { id: string; version: string; variants?: Variant[] }[];
};
const entry = CATALOG.models.find((m) => m.id === MODEL);
const float16 = entry?.variants?.find((v) => v.weights === 'float16');

/** Model files the page (its worker included) requested, as paths. */
function modelRequests(page: Page): string[] {
  const paths: string[] = [];
  page.context().on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.includes(`/models/${MODEL}/`)) paths.push(pathname);
  });
  return paths;
}

test('?weights=float16 loads the float16 files and gives the same top-1 as float32; the picker shows the size', async ({ page }) => {
  requireShared(MODEL);
  test.setTimeout(240_000);
  // The committed catalog must offer it: float16 passed the accuracy check for this model.
  expect(float16, `the catalog offers no float16 weights for ${MODEL}`).toBeDefined();
  const requested = modelRequests(page);
  await openApp(page, `?model=${MODEL}&backend=wasm&weights=float16`, 'wasm');
  const folder = `/models/${MODEL}/${entry?.version}/`;
  expect(requested).toContain(`${folder}float16/model.json`);
  expect(requested.some((p) => p.startsWith(`${folder}float16/group`))).toBe(true);
  // No float32 model file was fetched (the labels and lumen-model.json are shared by all weights).
  expect(requested.filter((p) => p === `${folder}model.json` || p.startsWith(`${folder}group`))).toEqual([]);

  await expect(page.getByTestId('weights-select')).toHaveValue('float16');
  await expect(page.getByTestId('weights-size')).toHaveAttribute('data-bytes', String(float16?.totalBytes));
  await expect(page.getByTestId('weights-size')).toHaveText(/\d(\.\d)? MB/);
  await expect(page.getByTestId('weights-select').locator('option[value=float16]')).toContainText('float16 ·');
  await expect(page.getByTestId('weights-notice')).toHaveCount(0);

  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png'), photoFile('coffee.png')]);
  const light = await settledResults(page, 2);

  // The picker switches back to float32: the URL follows and the float32 files load.
  await page.getByTestId('weights-select').selectOption('float32');
  await expect(page).not.toHaveURL(/weights=/);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  expect(requested).toContain(`${folder}model.json`);

  // The same photos on float32, in a fresh page.
  await openApp(page, `?model=${MODEL}&backend=wasm`, 'wasm');
  await expect(page.getByTestId('weights-select')).toHaveValue('float32');
  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png'), photoFile('coffee.png')]);
  const full = await settledResults(page, 2);
  for (const file of ['chelsea.png', 'coffee.png']) {
    expect(light.get(file)?.status).toBe('ok');
    expect(full.get(file)?.top1, `${file}: float16 top-1 ${light.get(file)?.top1}`).toBe(light.get(file)?.top1);
    // Same answer, not the same computation: float16 weights move the probability a little.
    expect(Math.abs((full.get(file)?.probability ?? 0) - (light.get(file)?.probability ?? 0))).toBeLessThan(0.05);
  }
});

test('an unknown or unoffered ?weights= says so and loads float32', async ({ page }) => {
  requireShared(MODEL);
  const requested = modelRequests(page);
  await openApp(page, `?model=${MODEL}&backend=wasm&weights=int4`, 'wasm');
  await expect(page.getByTestId('weights-notice')).toContainText('Unknown weights "int4"');
  expect(requested).toContain(`/models/${MODEL}/${entry?.version}/model.json`);
  // A local model that does not offer one of the variants (the measured check refused it).
  const unoffered = CATALOG.models
    .filter((m) => isInstalled(m.id) && m.variants !== undefined)
    .flatMap((m) => ['uint8', 'float16'].filter((w) => !m.variants?.some((v) => v.weights === w)).map((w) => ({ id: m.id, weights: w })))[0];
  test.skip(!unoffered, 'every installed model offers every variant');
  if (!unoffered) return;
  await openApp(page, `?model=${unoffered.id}&backend=wasm&weights=${unoffered.weights}`, 'wasm');
  await expect(page.getByTestId('weights-notice')).toContainText(`offers no ${unoffered.weights} weights`);
  await expect(page.getByTestId('weights-notice')).toContainText('using float32');
  await expect(page.getByTestId('weights-select')).toHaveValue('float32');
});

test('Compare runs a model and its float16 weights side by side, with the same top-1', async ({ page }) => {
  requireShared(MODEL);
  test.setTimeout(240_000);
  await openOnWasm(page, `model=${MODEL}&backend=wasm`);
  await classifyPhoto(page, PHOTO);
  await page.getByTestId('tab-compare').click();
  const variantBox = page.locator(`[data-testid=compare-model][data-model="${MODEL}:float16"]`);
  await expect(variantBox).not.toBeChecked(); // variants are opt-in
  for (const box of await page.getByTestId('compare-model').all()) {
    const id = await box.getAttribute('data-model');
    if (id === MODEL || id === `${MODEL}:float16`) await box.check();
    else await box.uncheck();
  }
  await page.getByTestId('compare-runs').fill('2');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'done');
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(2);
  const top1 = await rows.evaluateAll((all) =>
    all.map((r) => `${r.getAttribute('data-model')}:${r.getAttribute('data-status')}:${r.getAttribute('data-top1-index')}`),
  );
  const [full, light] = top1.map((t) => t.split(':').slice(-2).join(':'));
  expect(top1[1]).toMatch(/float16/);
  expect(full).toMatch(/^ok:\d+$/);
  expect(light).toBe(full);
  expect(acceptableTop1(PHOTO)).toContain(Number(full?.split(':')[1]));
  await expect(rows.nth(1)).toContainText('float16');
});
