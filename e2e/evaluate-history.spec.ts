/**
 * Evaluate's saved runs, their diff, and reports imported from other devices. A tiny labelled
 * folder (four ImageNet sample images in their synset folders) scored twice by MobileNetV2 on wasm:
 * two saved runs, whose diff is 0 for the same images on the same backend, still there after a
 * reload. Then the run's own Export JSON, a fleet-style report with devices[] and a broken file are
 * imported: the devices' rows show, and the broken one's message names it while the rest stay.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { IMAGENET_SAMPLE, openOnWasm, requireShared } from './support';

const MODEL = 'mobilenet_v2_100_224';
const ENTRY = `${MODEL}:float32@tfjs/wasm`;
const IMAGES = ['n01440764_tench.JPEG', 'n01443537_goldfish.JPEG', 'n01530575_brambling.JPEG', 'n01531178_goldfinch.JPEG'];

function tinyFolder(base: string): string {
  const root = join(base, 'tiny');
  for (const file of IMAGES) {
    const synset = file.split('_')[0] ?? '';
    mkdirSync(join(root, synset), { recursive: true });
    copyFileSync(join(IMAGENET_SAMPLE, file), join(root, synset, file));
  }
  return root;
}

async function openEvaluate(page: Page): Promise<void> {
  await openOnWasm(page, `model=${MODEL}`);
  await page.getByTestId('tab-evaluate').click();
  await expect(page.getByTestId('evaluate-view')).toBeVisible();
}

async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A fleet report as `npm run eval -- --data … --connect a,b --json` writes it: the pooled entries, and each browser's in devices[]. */
function fleetReport(entry: Record<string, unknown>) {
  const device = (userAgent: string, cores: number, adapter: Record<string, unknown> | null) => ({
    userAgent,
    cores,
    adapter,
    webglRenderer: null,
    crossOriginIsolated: true,
    backends: ['wasm'],
    runtimes: {},
  });
  return {
    entries: [entry],
    unmapped: 0,
    unmappedFolders: {},
    nonImages: 0,
    device: { userAgent: 'pooled', cores: 8 },
    devices: [
      {
        endpoint: 'ws://phone.local:9222/devtools/browser/a',
        device: device('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36', 8, null),
        entries: [{ ...entry, top1: 0.5, latency: { perImageMs: 80, totalMs: 160, images: 2 } }],
      },
      {
        endpoint: 'ws://laptop.local:9222/devtools/browser/b',
        device: device('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36', 10, {
          vendor: 'apple',
          architecture: 'metal-3',
          description: '',
          isFallbackAdapter: false,
        }),
        entries: [{ ...entry, top1: 1, latency: { perImageMs: 9, totalMs: 18, images: 2 } }],
      },
    ],
  };
}

test.describe('Evaluate: saved runs, diff and imported reports', () => {
  requireShared(MODEL);

  test('two runs are saved, diff to 0, survive a reload; reports import across devices, a broken one named', async ({ page }) => {
    test.setTimeout(300_000);
    const base = mkdtempSync(join(tmpdir(), 'lumen-evaluate-history-'));
    try {
      await openEvaluate(page);
      await page.getByTestId('evaluate-folder-input').setInputFiles(tinyFolder(base));
      await expect(page.getByTestId('evaluate-mapped')).toHaveText(`${IMAGES.length} to score`);
      const saved = page.getByTestId('evaluate-saved-run');
      for (const count of [1, 2]) {
        await page.getByTestId('evaluate-start').click();
        // Saved once the browser has committed it, after the run ends done.
        await expect(saved).toHaveCount(count, { timeout: 240_000 });
      }
      await expect(saved.first()).toHaveAttribute('data-folder', 'tiny');
      await expect(saved.first()).toHaveAttribute('data-entries', '1');
      await expect(saved.first()).toHaveAttribute('data-n', String(IMAGES.length));
      const ids = await saved.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      const top1 = await page.getByTestId('evaluate-result').first().getAttribute('data-top1');

      // The older run as A, the newer as B: the same images on the same backend score the same.
      await saved.nth(1).getByTestId('evaluate-diff-a').check();
      await saved.nth(0).getByTestId('evaluate-diff-b').check();
      const diff = page.getByTestId('evaluate-diff-row');
      await expect(diff).toHaveCount(1);
      await expect(diff).toHaveAttribute('data-entry', ENTRY);
      await expect(diff).toHaveAttribute('data-dtop1', '0');
      await expect(diff).toHaveAttribute('data-dtop5', '0');
      await expect(diff).toHaveAttribute('data-verdict', 'within-noise');
      await expect(diff).toContainText('within noise');

      // The last run's report, as Export JSON downloads it, to import below.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluate-export-json').click()]);
      const exported = join(base, 'this-browser.json');
      writeFileSync(exported, readFileSync(await download.path(), 'utf8'));

      await page.reload();
      await page.getByTestId('tab-evaluate').click();
      await expect(saved).toHaveCount(2);
      expect(await saved.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toEqual(ids);

      await saved.first().getByTestId('evaluate-saved-open').click();
      const opened = page.getByTestId('evaluate-opened-run');
      await expect(opened).toHaveAttribute('data-id', ids[0] ?? '');
      await expect(opened.getByTestId('evaluate-result')).toHaveAttribute('data-entry', ENTRY);
      await expect(opened.getByTestId('evaluate-result')).toHaveAttribute('data-top1', top1 ?? '');
      await saved.first().getByTestId('evaluate-diff-b').check();
      await saved.nth(1).getByTestId('evaluate-diff-a').check();
      await expect(diff).toHaveAttribute('data-dtop1', '0');
      expect(await violationsIn(page, '.evaluate-history')).toEqual([]);

      const entry = JSON.parse(readFileSync(exported, 'utf8')).entries[0] as Record<string, unknown>;
      const fleet = join(base, 'fleet.json');
      writeFileSync(fleet, JSON.stringify(fleetReport(entry)));
      await page.getByTestId('evaluate-import-input').setInputFiles([exported, fleet]);
      const rows = page.getByTestId('evaluate-device-row');
      await expect(rows).toHaveCount(3);
      await expect(page.locator('[data-testid=evaluate-device-row][data-device="this-browser.json"]')).toHaveAttribute('data-top1', top1 ?? '');
      await expect(page.locator('[data-testid=evaluate-device-row][data-device="fleet.json › ws://phone.local:9222/devtools/browser/a"]')).toHaveAttribute(
        'data-top1',
        '0.5',
      );
      await expect(page.locator('[data-testid=evaluate-device-row][data-device="fleet.json › ws://laptop.local:9222/devtools/browser/b"]')).toHaveAttribute(
        'data-latency-ms',
        '9',
      );
      await expect(page.getByTestId('evaluate-devices')).toContainText('Chrome 131 on Android');
      await expect(page.getByTestId('evaluate-device-chart')).toHaveAttribute('data-series', '3');

      // A broken file beside a good one: its message names it, the good one is imported, the earlier ones stay.
      const broken = join(base, 'broken.json');
      writeFileSync(broken, '{"entries": [');
      const laptop = join(base, 'laptop.json');
      writeFileSync(
        laptop,
        JSON.stringify({ ...JSON.parse(readFileSync(exported, 'utf8')), device: { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0.0.0', cores: 4 } }),
      );
      await page.getByTestId('evaluate-import-input').setInputFiles([broken, laptop]);
      await expect(page.getByTestId('evaluate-import-error')).toHaveCount(1);
      await expect(page.getByTestId('evaluate-import-error')).toContainText('broken.json: not JSON');
      await expect(rows).toHaveCount(4);
      await expect(page.locator('[data-testid=evaluate-device-row][data-device="laptop.json"]')).toHaveAttribute('data-entry', ENTRY);
      expect(await violationsIn(page, '.evaluate-import')).toEqual([]);

      await saved.first().getByTestId('evaluate-saved-delete').click();
      await expect(saved).toHaveCount(1);
      await expect(page.getByTestId('evaluate-opened-run')).toHaveCount(0);
      await expect(page.getByTestId('evaluate-diff')).toHaveCount(0);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
