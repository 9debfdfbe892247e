/**
 * Usable at 375 px and with the keyboard alone (issue 7, item 9): no view makes the page scroll
 * sideways (wide tables and charts scroll inside their own box), the tabs follow the WAI-ARIA tab
 * pattern, focus is visible, and the main flow (reach the drop zone, Enter, pick images, read the
 * cards) needs no mouse, and axe-core (@axe-core/playwright) finds no WCAG 2.0/2.1 A or AA violation
 * on any view. Set LUMEN_SHOTS_DIR to keep 375 px screenshots of Classify, Benchmark, Inspect.
 */
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from './fixtures';
import { fileChoosers, photoPath, requireShared } from './support';

const MODEL = 'mobilenet_v1_025_224_graph';
const WIDTH = 375;

test.use({ viewport: { width: WIDTH, height: 800 } });

const pageWidth = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth);

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env['LUMEN_SHOTS_DIR'];
  if (dir) await page.screenshot({ path: resolve(dir, `lumen-${WIDTH}-${name}.png`), fullPage: true });
}

/** Presses Tab until `selector` has the focus; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached in ${max} Tab presses`);
}

/** Every view (src/app/App.tsx) and what shows it has rendered its content, not a loading placeholder. */
const VIEWS: { id: string; ready: (page: Page) => Locator }[] = [
  { id: 'classify', ready: (page) => page.locator('[data-testid=result][data-status=ok]').nth(1) },
  { id: 'live', ready: (page) => page.getByTestId('live-start') },
  { id: 'inspect', ready: (page) => page.locator('[data-testid=inspect-check][data-status]') },
  { id: 'compare', ready: (page) => page.getByTestId('compare-start') },
  { id: 'custom', ready: (page) => page.getByTestId('custom-url') },
  { id: 'benchmark', ready: (page) => page.getByTestId('bench-start') },
  { id: 'teach', ready: (page) => page.getByTestId('teach-view') },
  { id: 'evaluate', ready: (page) => page.getByTestId('evaluate-start') },
];

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.describe('axe-core: WCAG A and AA', () => {
  requireShared(MODEL);

  for (const view of VIEWS) {
    test(`no violation on ${view.id}`, async ({ page }) => {
      await page.goto(`./?view=${view.id}&model=${MODEL}&backend=wasm`);
      await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
      // Classify is checked with result cards on it (predictions, Explain buttons), not empty.
      if (view.id === 'classify') await page.getByTestId('drop-input').setInputFiles([photoPath('chelsea.png'), photoPath('parrot.jpg')]);
      await expect(view.ready(page)).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
      const found = violations.map((v) => `${v.id} (${v.impact ?? 'no impact'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `axe-core on ${view.id}`).toEqual([]);
    });
  }
});

test.describe('375 px and keyboard', () => {
  requireShared();

  test('no view scrolls the page sideways at 375 px, with results, a benchmark and an inspection on screen', async ({ page }) => {
    await page.goto(`./?model=${MODEL}&backend=wasm`);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    expect(await pageWidth(page), 'Classify, empty').toBeLessThanOrEqual(WIDTH);
    await page.getByTestId('drop-input').setInputFiles([photoPath('chelsea.png'), photoPath('coffee.png'), photoPath('parrot.jpg')]);
    await expect(page.locator('[data-testid=result][data-status=ok]')).toHaveCount(3);
    expect(await pageWidth(page), 'Classify with results').toBeLessThanOrEqual(WIDTH);
    await shot(page, 'classify');

    await page.getByTestId('tab-benchmark').click();
    await page.getByTestId('bench-batches').fill('1, 2');
    await page.getByTestId('bench-warmup').fill('1');
    await page.getByTestId('bench-runs').fill('2');
    await page.getByTestId('bench-start').click();
    await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('bench-history-item')).toHaveCount(1);
    expect(await pageWidth(page), 'Benchmark with results, charts and history').toBeLessThanOrEqual(WIDTH);
    await shot(page, 'benchmark');

    await page.getByTestId('tab-inspect').click();
    await expect(page.getByTestId('inspect-check')).toHaveAttribute('data-status', 'pass');
    expect(await pageWidth(page), 'Inspect').toBeLessThanOrEqual(WIDTH);
    await shot(page, 'inspect');

    for (const view of ['live', 'compare', 'custom', 'teach']) {
      await page.getByTestId(`tab-${view}`).click();
      await expect(page.getByRole('tabpanel')).toBeVisible();
      expect(await pageWidth(page), view).toBeLessThanOrEqual(WIDTH);
    }
  });

  test('keyboard alone: tabs by arrow keys, visible focus, Tab to the drop zone, Enter opens the file chooser', async ({ page }) => {
    const choosers = fileChoosers(page); // before the page opens: see fileChoosers
    await page.goto(`./?model=${MODEL}&backend=wasm`);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');

    // The tablist is one tab stop: the selected tab. Arrows move and select; Home/End go to the ends.
    await tabTo(page, '[role=tab][aria-selected=true]');
    await expect(page.getByTestId('tab-classify')).toBeFocused();
    const outline = await page.getByTestId('tab-classify').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline, 'focus must be visible').not.toBe('none');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tab-live')).toBeFocused();
    await expect(page.getByTestId('tab-live')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-live');
    await page.keyboard.press('End');
    await expect(page.getByTestId('tab-evaluate')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight'); // wraps around
    await expect(page.getByTestId('tab-classify')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('tab-classify')).toBeFocused();
    await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);

    // Tab on into the view, to the drop zone's file button; Enter opens the chooser.
    await tabTo(page, '[data-testid=drop-zone] button, [data-testid=drop-zone][tabindex]');
    const focused = page.locator(':focus');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    const chooser = await choosers.nth(0);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([photoPath('chelsea.png'), photoPath('coffee.png')]);
    await expect(page.locator('[data-testid=result][data-status=ok]')).toHaveCount(2);
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
  });
});
