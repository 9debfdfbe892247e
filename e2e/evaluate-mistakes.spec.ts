/**
 * Evaluate's gallery of the most confident mistakes: a tiny labelled folder (four ImageNet sample
 * images in their synset folders, and the Chelsea cat photo filed as a golden retriever on purpose),
 * scored by MobileNetV2 on wasm. The cat must show as a mistake (true golden retriever, predicted a
 * cat class), and its Explain must draw a heatmap, by the entry's model, in the engine worker.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { acceptableTop1, IMAGENET_SAMPLE, openOnWasm, photoPath, requireShared } from './support';

const MODEL = 'mobilenet_v2_100_224';
const GOLDEN_RETRIEVER = { synset: 'n02099601', classIndex: 207 };
const CAT = 'chelsea.png';
const CORRECT = ['n01440764_tench.JPEG', 'n01443537_goldfish.JPEG', 'n01530575_brambling.JPEG', 'n01531178_goldfinch.JPEG'];

/** WCAG A and AA violations inside `selector`, as e2e/evaluate.spec.ts checks the whole report. */
async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function mislabelledFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'lumen-mistakes-')), 'mistakes');
  for (const file of CORRECT) {
    const synset = file.split('_')[0] ?? '';
    mkdirSync(join(root, synset), { recursive: true });
    copyFileSync(join(IMAGENET_SAMPLE, file), join(root, synset, file));
  }
  mkdirSync(join(root, GOLDEN_RETRIEVER.synset), { recursive: true });
  copyFileSync(photoPath(CAT), join(root, GOLDEN_RETRIEVER.synset, CAT));
  return root;
}

test.describe('Evaluate: most confident mistakes', () => {
  requireShared(MODEL);

  test('a mislabelled cat shows as a confident mistake, and Explain draws its heatmap', async ({ page }) => {
    test.setTimeout(300_000);
    const root = mislabelledFolder();
    try {
      await openOnWasm(page, `model=${MODEL}`);
      await page.getByTestId('tab-evaluate').click();
      await page.getByTestId('evaluate-folder-input').setInputFiles(root);
      await expect(page.getByTestId('evaluate-mapped')).toHaveText(`${CORRECT.length + 1} to score`);
      await page.getByTestId('evaluate-start').click();
      await expect(page.getByTestId('evaluate-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

      const tiles = page.getByTestId('evaluate-mistake');
      const probabilities = await tiles.evaluateAll((all) => all.map((t) => Number(t.getAttribute('data-p'))));
      console.log(`mistakes: ${probabilities.length}, p ${probabilities.join(', ')}`);
      expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));

      const cat = page.locator(`[data-testid=evaluate-mistake][data-file="mistakes/${GOLDEN_RETRIEVER.synset}/${CAT}"]`);
      await expect(cat).toHaveAttribute('data-true', String(GOLDEN_RETRIEVER.classIndex));
      const predicted = Number(await cat.getAttribute('data-predicted'));
      expect(acceptableTop1(CAT)).toContain(predicted);
      expect(Number(await cat.getAttribute('data-p'))).toBeGreaterThan(0.2);
      // The thumbnail is the dropped file itself, through an object URL.
      await expect(cat.locator('img')).toHaveAttribute('src', /^blob:/);
      await expect.poll(() => cat.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

      expect(await violationsIn(page, '.evaluate-mistakes')).toEqual([]);

      await cat.getByTestId('evaluate-mistake-explain').click();
      const dialog = page.getByTestId('evaluate-mistake-dialog');
      await expect(dialog).toBeVisible();
      // MobileNetV2 is a TF.js graph model: the best method for it is Grad-CAM.
      const heatmap = dialog.locator(`[data-testid=heatmap][data-class-index="${predicted}"][data-method=gradcam]:not([data-updating])`);
      await expect(heatmap).toHaveCount(1);
      await expect(heatmap.locator('canvas')).toBeVisible();
      expect(await violationsIn(page, '[data-testid=evaluate-mistake-dialog]')).toEqual([]);
      console.log(`explained ${predicted}: ${await dialog.getByTestId('explain-info').textContent()}`);

      // The true class's evidence, to compare: the same image explained for "golden retriever".
      await dialog.getByTestId('evaluate-mistake-evidence-truth').check();
      await expect(dialog.locator(`[data-testid=heatmap][data-class-index="${GOLDEN_RETRIEVER.classIndex}"]:not([data-updating])`)).toHaveCount(1);
      await dialog.getByTestId('evaluate-mistake-close').click();
      await expect(dialog).toHaveCount(0);

      // Another folder chosen: the run's files are gone, so the tile keeps its name but no thumbnail, and cannot explain.
      const other = join(root, '..', 'other', CORRECT[0]?.split('_')[0] ?? '');
      mkdirSync(other, { recursive: true });
      copyFileSync(join(IMAGENET_SAMPLE, CORRECT[0] ?? ''), join(other, CORRECT[0] ?? ''));
      await page.getByTestId('evaluate-folder-input').setInputFiles(join(root, '..', 'other'));
      await expect(cat.locator('img')).toHaveCount(0);
      await expect(cat).toContainText(CAT);
      await expect(cat.getByTestId('evaluate-mistake-explain')).toBeDisabled();
    } finally {
      rmSync(join(root, '..'), { recursive: true, force: true });
    }
  });
});
