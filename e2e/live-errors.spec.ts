/**
 * The Live view when the camera cannot be had (issue 10): permission denied (a fake camera exists,
 * the permission is not granted, so Chromium refuses), and no camera at all (a browser without the
 * fake device, on a machine with none). Real refusals from the browser, not stubs.
 */
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/common/chromium';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'] } });

test('camera permission denied: a clear message, nothing starts, and the app goes on working', async ({ page }) => {
  await page.goto('./?view=live&backend=wasm');
  await page.getByTestId('live-start').click();
  const problem = page.getByTestId('live-problem');
  await expect(problem).toHaveAttribute('data-kind', 'denied');
  await expect(problem).toContainText('Camera access was denied');
  await expect(page.getByTestId('live-start')).toBeEnabled();
  await expect(page.getByTestId('live-prediction')).toHaveCount(0);
  await page.getByTestId('tab-classify').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
});

test('no camera at all: a clear message', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ baseURL, permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto('./?view=live&backend=wasm');
    await page.getByTestId('live-start').click();
    await expect(page.getByTestId('live-problem')).toHaveAttribute('data-kind', 'no-camera');
    await expect(page.getByTestId('live-problem')).toContainText('No camera was found');
  } finally {
    await browser.close();
  }
});
