/**
 * Explain, the pointing game (issue 10): two photos of different classes side by side in one
 * image, composed at test time; each object's class is explained and the heatmap's peak must fall
 * on that object's side. Several pairs, both methods, on wasm, with a graph model (MobileNetV2) and
 * a layers model (ResNet50). Prints the time to explain (FIGURE lines) and a line per pair.
 */
import { resolve } from 'node:path';
import sharp from 'sharp';
import { expect, test, type Locator, type Page } from './fixtures';
import { PHOTOS, expectedTop1, openApp, requireShared } from './support';

const PAIRS: [string, string][] = [
  ['chelsea.png', 'coffee.png'],
  ['parrot.jpg', 'hot_dog.jpg'],
  ['coffee.png', 'parrot.jpg'],
];
/** wasm by default; EXPLAIN_BACKEND=webgl (or webgpu, cpu) plays the same game on another backend. */
const BACKEND = process.env['EXPLAIN_BACKEND'] ?? 'wasm';
/** Each half is this square, so the composed image is 2:1. */
const HALF = 320;

async function composePair(left: string, right: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const half = (name: string) => sharp(resolve(PHOTOS, name)).resize(HALF, HALF, { fit: 'cover' }).removeAlpha().png().toBuffer();
  const buffer = await sharp({ create: { width: 2 * HALF, height: HALF, channels: 3, background: '#000' } })
    .composite([
      { input: await half(left), left: 0, top: 0 },
      { input: await half(right), left: HALF, top: 0 },
    ])
    .png()
    .toBuffer();
  return { name: `${left.split('.')[0]}+${right.split('.')[0]}.png`, mimeType: 'image/png', buffer };
}

/** The highest-ranked prediction row of one of the photo's acceptable classes. */
async function rowFor(card: Locator, photo: string): Promise<{ row: Locator; classIndex: number }> {
  const acceptable = expectedTop1().get(photo) ?? [];
  const indices = await card.getByTestId('prediction').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-class-index'))));
  const classIndex = indices.find((i) => acceptable.includes(i));
  expect(classIndex, `${photo}: none of ${acceptable.join('|')} in the top ${indices.length} (${indices.join(', ')})`).toBeDefined();
  return { row: card.locator(`[data-testid=prediction][data-class-index="${classIndex}"]`).first(), classIndex: classIndex ?? -1 };
}

interface Shot {
  classIndex: number;
  method: string;
  x: number;
  y: number;
  ms: number;
}

async function settledHeatmap(card: Locator, classIndex: number, method: string): Promise<Shot> {
  const heatmap = card.locator(`[data-testid=heatmap][data-class-index="${classIndex}"][data-method="${method}"]:not([data-updating])`);
  await expect(heatmap).toHaveCount(1);
  const attr = async (name: string) => Number(await heatmap.getAttribute(name));
  return { classIndex, method, x: await attr('data-peak-x'), y: await attr('data-peak-y'), ms: await attr('data-ms') };
}

async function playPairs(page: Page, model: string, methods: readonly ('gradcam' | 'occlusion')[]): Promise<string[]> {
  // Each half is squeezed to half the model's width: raise k so both classes are among the rows.
  await page.getByTestId('topk-input').fill('20');
  const files = await Promise.all(PAIRS.map(([l, r]) => composePair(l, r)));
  await page.getByTestId('drop-input').setInputFiles(files);
  await expect(page.locator('[data-testid=result][data-status=ok]')).toHaveCount(PAIRS.length);
  const misses: string[] = [];
  for (const [index, [left, right]] of PAIRS.entries()) {
    const card = page.locator(`[data-testid=result][data-file="${files[index]?.name}"]`);
    const objects = [
      { photo: left, side: 'left' as const },
      { photo: right, side: 'right' as const },
    ];
    for (const [m, method] of methods.entries()) {
      const shots: Shot[] = [];
      for (const [o, object] of objects.entries()) {
        const { row, classIndex } = await rowFor(card, object.photo);
        // The first explanation of a card uses the default (the best method for the model); then the picker
        // chooses: changing it explains the class on show again, with the new method.
        if (m > 0 && o === 0) await card.getByTestId('explain-method').selectOption(method);
        const onShow = m > 0 && o === 0 ? Number(await card.getByTestId('heatmap').getAttribute('data-class-index')) : null;
        if (onShow !== classIndex) await row.getByTestId('explain').click();
        shots.push(await settledHeatmap(card, classIndex, method));
      }
      const verdicts = shots.map((shot, o) => {
        const hit = objects[o]?.side === 'left' ? shot.x < 0.5 : shot.x >= 0.5;
        if (!hit) misses.push(`${model} ${method} ${objects[o]?.photo} in ${left}|${right}: peak x ${shot.x.toFixed(2)}`);
        return `${objects[o]?.side} ${objects[o]?.photo} class ${shot.classIndex} peak (${shot.x.toFixed(2)}, ${shot.y.toFixed(2)}) ${hit ? 'hit' : 'MISS'}`;
      });
      console.log(`PAIR ${left}|${right} ${method} ${BACKEND} ${model}: ${verdicts.join('; ')}`);
      for (const shot of shots) console.log(`FIGURE explain ${method} ${BACKEND} ${model}: ${shot.ms} ms`);
    }
  }
  return misses;
}

test('pointing game, MobileNetV2 (graph: Grad-CAM through execute, and occlusion) on wasm', async ({ page }) => {
  requireShared('mobilenet_v2_100_224');
  test.setTimeout(300_000);
  await openApp(page, `?model=mobilenet_v2_100_224&backend=${BACKEND}`, BACKEND);
  const misses = await playPairs(page, 'mobilenet_v2_100_224', ['gradcam', 'occlusion']);
  expect(misses).toEqual([]);
});

test('pointing game, ResNet50 (layers: Grad-CAM at the last conv layer, and occlusion) on wasm', async ({ page }) => {
  requireShared('resnet50');
  test.setTimeout(540_000);
  await openApp(page, `?model=resnet50&backend=${BACKEND}`, BACKEND);
  const misses = await playPairs(page, 'resnet50', ['gradcam', 'occlusion']);
  expect(misses).toEqual([]);
});

test('the overlay switches off and on, follows the opacity, and opens a larger view with the class', async ({ page }) => {
  requireShared('mobilenet_v2_100_224');
  await openApp(page, `?model=mobilenet_v2_100_224&backend=${BACKEND}`, BACKEND);
  await page.getByTestId('topk-input').fill('20');
  await page.getByTestId('drop-input').setInputFiles([await composePair('chelsea.png', 'coffee.png')]);
  const card = page.locator('[data-testid=result][data-status=ok]');
  await expect(card).toHaveCount(1);
  const { row, classIndex } = await rowFor(card, 'chelsea.png');
  await row.getByTestId('explain').click();
  const heatmap = card.locator(`[data-testid=heatmap][data-class-index="${classIndex}"]:not([data-updating])`);
  await expect(heatmap).toHaveAttribute('data-method', 'gradcam');
  await expect(card.getByTestId('explain-info')).toContainText(/Grad-CAM.* ms/);
  // At the image's aspect: the composed image is 2:1.
  const box = await heatmap.boundingBox();
  expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(2, 1);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: '/tmp/lumen-heatmap.png' });
  await card.getByTestId('heatmap-opacity').fill('0.3');
  await expect(heatmap.locator('canvas')).toHaveCSS('opacity', '0.3');
  await card.getByTestId('heatmap-toggle').uncheck();
  await expect(heatmap.locator('canvas')).toHaveCount(0);
  await card.getByTestId('heatmap-toggle').check();
  await expect(heatmap.locator('canvas')).toHaveCount(1);
  await heatmap.click();
  const zoom = page.getByTestId('heatmap-zoom');
  await expect(zoom).toBeVisible();
  await expect(zoom).toContainText(/cat/i);
  await expect(zoom.locator('img')).toHaveJSProperty('complete', true);
  await page.screenshot({ path: test.info().outputPath('explain-zoom.png') });
  await page.screenshot({ path: '/tmp/lumen-heatmap-zoom.png' });
  await zoom.getByTestId('heatmap-zoom-close').click();
  await expect(zoom).toHaveCount(0);
});
