/**
 * "The Benchmark view, opened right after load, once said 'Choose at least one backend.' while
 * wasm was shown ticked." The form now shows its state: Run is clicked as early as the page allows,
 * and at every frame the problem on screen must agree with the boxes on screen.
 */
import { expect, test } from './fixtures';
import { needShared } from './support';

const MODEL = 'mobilenet_v1_025_224_graph';
needShared({ models: [MODEL] });

declare global {
  interface Window {
    __benchFormLies?: string[];
  }
}

test.beforeEach(async ({ page }) => {
  // Every frame: a backend problem on screen while a backend box is ticked (or a model problem while a model is) is a lie.
  await page.addInitScript(() => {
    window.__benchFormLies = [];
    const sample = (): void => {
      const problem = document.querySelector('[data-testid=bench-form-problem]')?.textContent ?? '';
      const ticked = (prefix: string): boolean =>
        Array.from(document.querySelectorAll<HTMLInputElement>(`input[data-testid^=${prefix}]`)).some((box) => box.checked);
      if (/backend/i.test(problem) && ticked('bench-backend-')) window.__benchFormLies?.push(`"${problem}" with a backend ticked`);
      if (/at least one model/i.test(problem) && ticked('bench-model-')) window.__benchFormLies?.push(`"${problem}" with a model ticked`);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
});

test('opened right after load, Run at once runs what the form shows: the page model on wasm', async ({ page }) => {
  await page.goto(`./?view=benchmark&model=${MODEL}&backend=wasm`);
  await page.getByTestId('bench-batches').fill('1');
  await page.getByTestId('bench-warmup').fill('0');
  await page.getByTestId('bench-runs').fill('2');
  await page.getByTestId('bench-cold').uncheck();
  await page.getByTestId('bench-start').click(); // as soon as it is enabled: the engine has started
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('bench-form-problem')).toHaveCount(0);
  const row = page.getByTestId('bench-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('bench-backend-wasm')).toBeChecked();
  await expect(page.getByTestId(`bench-model-${MODEL}`)).toBeChecked();
  expect(await page.evaluate(() => window.__benchFormLies)).toEqual([]);
});

test('a problem shown after Run follows the form: unticking every backend says so, ticking one clears it', async ({ page }) => {
  await page.goto(`./?view=benchmark&model=${MODEL}&backend=wasm`);
  await expect(page.getByTestId('bench-backend-wasm')).toBeChecked();
  await expect(page.getByTestId('bench-start')).toBeEnabled();
  await page.getByTestId('bench-backend-wasm').uncheck();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-form-problem')).toHaveText('Choose at least one backend.');
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'idle');
  await page.getByTestId('bench-backend-cpu').check();
  await expect(page.getByTestId('bench-form-problem')).toHaveCount(0);
  await expect(page.getByTestId('bench-backend-wasm')).not.toBeChecked(); // the person's choice sticks
  expect(await page.evaluate(() => window.__benchFormLies)).toEqual([]);
});

test('runtimes × backends: ticked runtimes run the family members, and every row names its runtime', async ({ page }) => {
  needShared({ models: ['mobilenet_v2_100_224', 'mobilenet_v2_100_224_onnx', 'mobilenet_v2_100_224_quant_tflite'] });
  test.setTimeout(180_000);
  await page.goto('./?view=benchmark&model=mobilenet_v2_100_224&backend=wasm');
  await page.getByTestId('bench-batches').fill('1');
  await page.getByTestId('bench-warmup').fill('1');
  await page.getByTestId('bench-runs').fill('2');
  await page.getByTestId('bench-cold').uncheck();
  await page.getByTestId('bench-input-random').check();
  await expect(page.getByTestId('bench-runtime-note')).toContainText('own runtime');
  for (const runtime of ['tfjs', 'ort', 'litert']) await page.getByTestId(`bench-runtime-${runtime}`).check();
  await expect(page.getByTestId('bench-runtime-note')).toContainText('member of its family');
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  const rows = page.getByTestId('bench-row');
  await expect(rows).toHaveCount(3);
  const seen = await rows.evaluateAll((all) =>
    all.map((r) => `${r.getAttribute('data-model')}@${r.getAttribute('data-runtime')}/${r.getAttribute('data-backend')}`),
  );
  expect(seen.sort()).toEqual(['mobilenet_v2_100_224@tfjs/wasm', 'mobilenet_v2_100_224_onnx@ort/wasm', 'mobilenet_v2_100_224_quant_tflite@litert/wasm']);
});
