/**
 * The Benchmark view in a real browser: a tiny sweep (MobileNetV1 0.25 graph, wasm, batches 1 and 2,
 * few runs), cancel in the middle of a run, the method comparison with the peer, the exported files
 * and the saved-run history. Speeds are never asserted: only that figures exist and are coherent.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { CSV_COLUMNS, CSV_ENVIRONMENT_COLUMNS } from '../src/features/benchmark/shared/benchExport';
import { needShared } from './support';

const MODEL = 'mobilenet_v1_025_224_graph';
needShared({ models: [MODEL] });

async function openBenchmark(page: Page): Promise<void> {
  await page.goto(`./?view=benchmark&model=${MODEL}&backend=wasm`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  // The form starts from what the page uses: this model, this backend.
  await expect(page.getByTestId(`bench-model-${MODEL}`)).toBeChecked();
  await expect(page.getByTestId('bench-backend-wasm')).toBeChecked();
}

async function configure(page: Page, batches: string, warmup: number, runs: number): Promise<void> {
  await page.getByTestId('bench-batches').fill(batches);
  await page.getByTestId('bench-warmup').fill(String(warmup));
  await page.getByTestId('bench-runs').fill(String(runs));
}

const status = (page: Page) => page.getByTestId('bench-status');

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('sweep: batches 1 and 2 on wasm give full statistics, no leak, cold start, charts, and exports with the environment', async ({ page }) => {
  await openBenchmark(page);
  await configure(page, '1, 2', 1, 3);
  await page.getByTestId('bench-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'done');

  const rows = page.getByTestId('bench-row');
  await expect(rows).toHaveCount(2);
  for (const [i, batch] of ['1', '2'].entries()) {
    await expect(rows.nth(i)).toHaveAttribute('data-batch', batch);
    await expect(rows.nth(i)).toHaveAttribute('data-status', 'ok');
    await expect(rows.nth(i)).toHaveAttribute('data-leaked', 'false');
    await expect(rows.nth(i)).toHaveAttribute('data-backend', 'wasm');
  }
  await expect(page.getByTestId('bench-memory')).toHaveAttribute('data-leaks', '0');
  await expect(page.getByTestId('bench-best')).toHaveAttribute('data-best-throughput-batch', /^[12]$/);
  await expect(page.getByTestId('bench-cold-row')).toHaveAttribute('data-load-ms', /^\d+(\.\d)?$/);
  await expect(page.getByTestId('bench-long-tasks')).toHaveAttribute('data-count', /^\d+$/);
  await expect(page.getByTestId('bench-chart-metric').locator('.recharts-line')).toHaveCount(1);
  await expect(page.getByTestId('bench-chart-percentiles').locator('.recharts-line')).toHaveCount(4);

  const json = JSON.parse(await download(page, 'bench-export-json')) as {
    schema: string;
    environment: { userAgent: string; crossOriginIsolated: unknown; tfjsVersion: string; backends: { used: string; flags: Record<string, unknown> }[] };
    rows: Record<string, unknown>[];
    combos: { batches: { variants: { samples: number[] }[] }[] }[];
    coldStart: { fromCache: boolean; loadMs: number }[];
  };
  expect(json.schema).toBe('lumen-benchmark/1');
  expect(json.environment.userAgent).toMatch(/Chrome/);
  expect(typeof json.environment.crossOriginIsolated).toBe('boolean');
  expect(json.environment.tfjsVersion).toBe('4.22.0');
  expect(json.environment.backends[0]).toMatchObject({ used: 'wasm' });
  expect(Object.keys(json.environment.backends[0]!.flags).length).toBeGreaterThan(0);
  expect(json.rows.map((r) => [r['model'], r['backend'], r['batch'], r['variant'], r['status'], r['count']])).toEqual([
    [MODEL, 'wasm', 1, 'app', 'ok', 3],
    [MODEL, 'wasm', 2, 'app', 'ok', 3],
  ]);
  for (const row of json.rows) {
    for (const key of ['mean', 'std', 'min', 'max', 'p50', 'p95', 'p99', 'perImage', 'throughput']) expect(typeof row[key]).toBe('number');
    expect(row['min'] as number).toBeLessThanOrEqual(row['p50'] as number);
    expect(row['p50'] as number).toBeLessThanOrEqual(row['p99'] as number);
    expect(row['p99'] as number).toBeLessThanOrEqual(row['max'] as number);
  }
  expect(json.combos[0]!.batches.map((b) => b.variants[0]!.samples.length)).toEqual([3, 3]);
  expect(json.coldStart).toHaveLength(1);

  const csv = (await download(page, 'bench-export-csv')).trimEnd().split('\r\n');
  expect(csv[0]).toBe([...CSV_COLUMNS, ...CSV_ENVIRONMENT_COLUMNS].join(','));
  expect(csv).toHaveLength(3);
  const cells = csv[2]!.split(',');
  expect([cells[0], cells[1], cells[2], cells[3], cells[4]]).toEqual([MODEL, 'wasm', '2', 'app', 'ok']);
  expect(Number(cells[CSV_COLUMNS.indexOf('throughput')])).toBeGreaterThan(0);
  expect(cells[CSV_COLUMNS.length + CSV_ENVIRONMENT_COLUMNS.indexOf('tfjsVersion')]).toBe('4.22.0');

  // The run is kept in IndexedDB: it is still listed after a reload.
  await page.reload();
  await expect(page.getByTestId('bench-history-item')).toHaveCount(1);
});

test('cancel stops a long run at once; finished batch sizes are kept and the page keeps working', async ({ page }) => {
  await openBenchmark(page);
  await configure(page, '1, 2, 4', 0, 100000);
  await page.getByTestId('bench-cold').uncheck();
  await page.getByTestId('bench-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await page.getByTestId('bench-live-samples').getAttribute('data-count'))).toBeGreaterThan(20);
  await page.getByTestId('bench-cancel').click();
  await expect(status(page)).toHaveAttribute('data-status', 'cancelled');
  // 100000 runs of batch 1 never finished: nothing reached batch 4.
  await expect(page.locator('[data-testid="bench-row"][data-batch="4"]')).toHaveCount(0);
  await expect(page.getByTestId('bench-start')).toBeEnabled();
  await expect(page.getByTestId('bench-history-item')).toHaveCount(1);
  await expect(page.getByTestId('bench-history-item').getByRole('cell', { name: 'cancelled' })).toBeVisible();
  // The worker is free again: a short run right after completes.
  await configure(page, '1', 0, 2);
  await page.getByTestId('bench-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('bench-row')).toHaveCount(1);
});

test('method comparison: execute vs executeAsync, TF-ops vs JS preprocessing, bare and the peer; then two runs compared', async ({ page }) => {
  await openBenchmark(page);
  await configure(page, '1', 1, 3);
  await page.getByTestId('bench-cold').uncheck();
  await page.getByTestId('bench-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'done');

  await expect(page.getByTestId('bench-method-peer')).toBeChecked();
  await page.getByTestId('bench-methods-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('bench-results')).toHaveAttribute('data-kind', 'methods');
  const rows = page.getByTestId('bench-row');
  await expect(rows).toHaveCount(6);
  const variants = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-variant'), el.getAttribute('data-status')]));
  expect(variants).toEqual(['app', 'app:executeAsync', 'pipeline:tf-ops', 'pipeline:js', 'bare', 'peer'].map((v) => [v, 'ok']));
  await expect(page.getByTestId('bench-ratios')).toContainText('app / bare model');
  await expect(page.getByTestId('bench-ratios')).toContainText('peer classify()');
  await expect(page.getByTestId('bench-chart-methods').locator('.recharts-bar-rectangle')).toHaveCount(6);

  // Two saved runs, compared: the app at batch 1 is in both, so it gets a ratio.
  await expect(page.getByTestId('bench-history-item')).toHaveCount(2);
  await page.getByTestId('bench-compare-a').nth(1).check();
  await page.getByTestId('bench-compare-b').nth(0).check();
  const matched = page.getByTestId('bench-compare-row').filter({ has: page.getByRole('cell', { name: 'app', exact: true }) });
  await expect(matched).toHaveCount(1);
  await expect(matched).toHaveAttribute('data-ratio', /^\d+(\.\d+)?(e-?\d+)?$/);
});
