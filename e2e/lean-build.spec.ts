/**
 * The deployable build stays lean: dist/ carries no headless harness (vite.harness.config.ts builds
 * it apart), and the secondary views are fetched only when opened, so a visitor who classifies
 * never downloads the Benchmark view (recharts), Live, Teach or the others. Sizes: `npm run size`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

const DIST = resolve(import.meta.dirname, '../dist');
/** Every view but Classify, as its chunk is named (src/app/App.tsx loads each with React.lazy). */
const LAZY_VIEWS = ['LiveView', 'InspectView', 'CompareView', 'CustomModelView', 'BenchmarkPanel', 'TeachView'];

test('dist/ ships no harness page or chunk', () => {
  expect(existsSync(resolve(DIST, 'index.html'))).toBe(true);
  expect(existsSync(resolve(DIST, 'harness.html'))).toBe(false);
  expect(readdirSync(resolve(DIST, 'assets')).filter((f) => f.startsWith('harness'))).toEqual([]);
});

test('the first load fetches no secondary view; opening Benchmark fetches its chunk and shows it', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname.split('/').pop() ?? '');
  });
  await page.goto('./?backend=wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', /ready|error/);
  const lazyFetched = (): string[] => scripts.filter((s) => LAZY_VIEWS.some((v) => s.startsWith(`${v}-`)));
  expect(lazyFetched()).toEqual([]);

  await page.getByTestId('tab-benchmark').click();
  await expect(page.getByTestId('benchmark-panel')).toBeVisible();
  expect(lazyFetched().map((s) => s.split('-')[0])).toEqual(['BenchmarkPanel']);
});
