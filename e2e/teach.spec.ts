/**
 * The Teach view end to end on wasm: two classes (dogs, vehicles) from a handful of ImageNet-sample
 * photos, taught with kNN on MobileNetV2, kept as a model; a new dog photo classified with it in
 * Classify; after a reload the taught model is still in the picker. Skipped, with the reason, without ../shared.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import type { Download } from '@playwright/test';
import { IMAGENET_SAMPLE as SAMPLE, needShared, requireShared } from './support';
import { CATEGORIES } from '../scripts/teach/teachSample';

const BASE = 'mobilenet_v2_100_224';

/** Files of a category from labels.csv, in name order. */
function categoryFiles(category: string): string[] {
  const indices = new Set(CATEGORIES[category] ?? []);
  return readFileSync(resolve(SAMPLE, 'labels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter(([, index]) => indices.has(Number(index)))
    .map(([file]) => file ?? '')
    .sort();
}

const payload = (file: string) => ({ name: file, mimeType: 'image/jpeg', buffer: readFileSync(resolve(SAMPLE, file)) });

test('teach two classes, classify a new photo with the taught model, find it again after a reload', async ({ page }) => {
  requireShared(BASE);
  needShared({ paths: [SAMPLE] });
  test.setTimeout(300_000);
  const dogs = categoryFiles('dogs').filter((_, i) => i % 20 === 0); // 6 dogs spread over the breeds
  const vehicles = categoryFiles('vehicles')
    .filter((_, i) => i % 4 === 0)
    .slice(0, 5);
  const newDog = categoryFiles('dogs')[55] ?? '';
  expect(dogs).not.toContain(newDog);

  await page.goto(`./?model=${BASE}&backend=wasm&view=teach`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  const classes = page.getByTestId('teach-class');
  await expect(classes).toHaveCount(2);
  await page.getByTestId('teach-class-name').nth(0).fill('dogs');
  await page.getByTestId('teach-class-name').nth(1).fill('vehicles');

  // One class filled: a clear message, no crash.
  await classes.nth(0).getByTestId('teach-drop').setInputFiles(dogs.slice(0, 5).map(payload));
  await expect(classes.nth(0)).toHaveAttribute('data-count', '5');
  await expect(classes.nth(0)).toHaveAttribute('data-embedded', '5');
  await expect(page.getByTestId('teach-problem')).toContainText('"vehicles" has 0');

  // A text file among the vehicles: listed as unreadable, not counted, and the rest still learn.
  const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') };
  await classes
    .nth(1)
    .getByTestId('teach-drop')
    .setInputFiles([...vehicles.map(payload), notes]);
  await classes.nth(0).getByTestId('teach-drop').setInputFiles(dogs.slice(5).map(payload));
  await expect(classes.nth(1)).toHaveAttribute('data-embedded', String(vehicles.length));
  await expect(classes.nth(1)).toHaveAttribute('data-failed', '1');
  await expect(classes.nth(1).getByTestId('teach-class-count')).toHaveText(`${vehicles.length} images · 1 unreadable`);
  await expect(classes.nth(0)).toHaveAttribute('data-embedded', String(dogs.length));
  await expect(page.getByTestId('teach-problem')).toHaveCount(0);
  // kNN is taught as the images arrive; the button teaches again on the same embeddings.
  await page.getByTestId('teach-train').click();
  const accuracy = page.getByTestId('teach-accuracy');
  await expect(accuracy).toHaveAttribute('data-accuracy', /^[01](\.\d+)?$/);
  expect(Number(await accuracy.getAttribute('data-accuracy'))).toBeGreaterThanOrEqual(0.5);
  await expect(page.getByTestId('teach-confusion')).toContainText('vehicles');

  // A dense head streams its epochs to the chart and stops when cancelled, with no error.
  await page.getByTestId('teach-method').selectOption('dense');
  await page.getByLabel('Epochs').fill('5000');
  await page.getByTestId('teach-train').click();
  await expect(page.getByTestId('teach-chart')).toHaveAttribute('data-epochs', /^[1-9]/);
  // Dispatched, not clicked: the chart redraws every epoch, so the layout never holds still for a click's stability check.
  await page.getByTestId('teach-cancel').dispatchEvent('click');
  await expect(page.getByTestId('teach-cancel')).toHaveCount(0);
  await expect(page.getByTestId('teach-error')).toHaveCount(0);
  expect(Number(await page.getByTestId('teach-chart').getAttribute('data-epochs'))).toBeLessThan(5000);
  await page.getByTestId('teach-method').selectOption('knn');
  await expect(accuracy).toHaveAttribute('data-accuracy', /^[01](\.\d+)?$/);

  await page.getByTestId('teach-model-name').fill('Dogs or vehicles');
  await page.getByTestId('teach-save').click();
  await expect(page.getByTestId('teach-saved')).toBeVisible();
  await expect(page.getByTestId('model-select')).toHaveValue(/^taught-/);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');

  await page.getByRole('tab', { name: 'Classify' }).click();
  await page.getByTestId('drop-input').setInputFiles([payload(newDog)]);
  const card = page.getByTestId('result');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-status', 'ok');
  const top = card.getByTestId('prediction').first();
  await expect(top).toContainText('dogs');
  await expect(card.getByTestId('prediction')).toHaveCount(2); // top-k of two taught classes
  const probability = Number(await top.getAttribute('data-probability'));
  // Explain works where the method allows: the head has no feature map, so occlusion, on the taught class.
  await top.getByTestId('explain').click();
  await expect(card.locator('[data-testid=heatmap]:not([data-updating])')).toHaveAttribute('data-method', 'occlusion');

  await page.reload();
  const taughtOptions = page.getByTestId('model-select').locator('optgroup[label="Taught models"] option');
  await expect(taughtOptions).toHaveText(['Dogs or vehicles']);

  // A taught model is a model: ?model= opens it after a reload, and the benchmark runs it like any other.
  const taughtId = (await taughtOptions.first().getAttribute('value')) ?? '';
  await page.goto(`./?view=benchmark&model=${taughtId}&backend=wasm`);
  await expect(page.getByTestId('model-select')).toHaveValue(taughtId);
  await expect(page.getByTestId(`bench-model-${taughtId}`)).toBeChecked();
  await page.getByTestId('bench-batches').fill('1, 2');
  await page.getByTestId('bench-warmup').fill('0');
  await page.getByTestId('bench-runs').fill('2');
  await page.getByTestId('bench-cold').uncheck();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('bench-row')).toHaveCount(2);
  await expect(page.getByTestId('bench-row').first()).toHaveAttribute('data-model', taughtId);

  // Export (TF.js layers files + lumen-taught.json), import through the Your-model view: same answer.
  await page.getByRole('tab', { name: 'Teach' }).click();
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('teach-export').click();
  await expect.poll(() => downloads.length).toBe(4);
  const dir = await mkdtemp(join(tmpdir(), 'lumen-taught-'));
  const saved: string[] = [];
  for (const download of downloads) {
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    saved.push(path);
  }
  expect(saved.map((p) => basename(p)).sort()).toEqual(['labels.json', 'lumen-taught.json', 'model.json', 'weights.bin']);
  await page.getByRole('tab', { name: 'Your model' }).click();
  await page.getByTestId('custom-files').setInputFiles(saved);
  await expect(page.getByTestId('custom-taught')).toContainText('imported');
  await expect(taughtOptions).toHaveCount(2);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('tab', { name: 'Classify' }).click();
  await page.getByTestId('drop-input').setInputFiles([payload(newDog)]);
  await expect(card).toHaveAttribute('data-status', 'ok');
  await expect(top).toContainText('dogs');
  expect(Math.abs(Number(await top.getAttribute('data-probability')) - probability)).toBeLessThan(1e-5);
  await rm(dir, { recursive: true, force: true });
});
