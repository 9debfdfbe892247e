import { expect, test, type Page } from './fixtures';
import { acceptableTop1, classifyPhoto, openOnWasm, requireShared } from './support';

const SMALL = ['mobilenet_v1_025_224_graph', 'mobilenet_v1_025_224_layers'];
const PHOTO = 'parrot.jpg';

/** Leaves only the two small models ticked: the others are large or slow here. */
async function chooseSmallModels(page: Page): Promise<void> {
  for (const box of await page.getByTestId('compare-model').all()) {
    const id = await box.getAttribute('data-model');
    if (SMALL.includes(id ?? '')) await box.check();
    else await box.uncheck();
  }
}

test.describe('Compare view', () => {
  requireShared();

  test('two models side by side on the image dropped in Classify: parameters, latency, top-1', async ({ page }) => {
    await openOnWasm(page, `model=${SMALL[0]}`);
    await classifyPhoto(page, PHOTO);
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('compare-image')).toContainText(PHOTO);
    // Hosted models would each be downloaded: they start unticked, installed ones ticked.
    await expect(page.locator('[data-testid=compare-model][data-model=efficientnet_b0_tfhub]')).not.toBeChecked();
    await expect(page.locator(`[data-testid=compare-model][data-model=${SMALL[0]}]`)).toBeChecked();
    await chooseSmallModels(page);
    await page.getByTestId('compare-runs').fill('3');
    await page.getByTestId('compare-start').click();
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'done');

    const rows = page.getByTestId('compare-row');
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute('data-status', 'ok');
      const [model, median, top1, parameters] = await Promise.all(
        ['data-model', 'data-median-ms', 'data-top1-index', 'data-parameters'].map((a) => row.getAttribute(a)),
      );
      console.log(`${model}: batch-1 median ${Number(median).toFixed(1)} ms (3 runs, wasm), ${parameters} parameters, top-1 ${top1} on ${PHOTO}`);
      expect(Number(median)).toBeGreaterThan(0);
      expect(Number(parameters)).toBeGreaterThan(400_000);
      expect(acceptableTop1(PHOTO)).toContain(Number(top1));
    }
  });

  test('cancel stops the comparison between runs and keeps what was measured', async ({ page }) => {
    await openOnWasm(page, `model=${SMALL[0]}&view=compare`);
    await chooseSmallModels(page);
    await page.getByTestId('compare-runs').fill('200');
    await page.getByTestId('compare-start').click();
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'running');
    await page.getByTestId('compare-cancel').click();
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'cancelled');
    // 2 × 200 runs cannot have finished: at least the second model has no row.
    await expect(page.locator('[data-testid=compare-row][data-status=ok]')).not.toHaveCount(2);
    await expect(page.getByTestId('compare-start')).toBeEnabled();
  });
});
