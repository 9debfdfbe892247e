/**
 * The accuracy harness inside `npm test`: 50 images spread over the 1000-class sample, through the
 * app's own worker (harness.html) on wasm. The bound is a sanity floor far below the reference
 * (84.7 % on the full 1000), not a speed; `npm run eval` runs the full set. Then backend agreement
 * on a tiny model: GPU backends against cpu on the same images. The harness is its own build
 * (dist-harness/, vite.harness.config.ts), served here apart from the app under test: dist/ does
 * not ship it.
 */
import { expect, test, type Page } from './fixtures';
import { DEFAULT_IMAGES } from '../scripts/eval/evalArgs';
import { loadEvalSet } from '../scripts/eval/evalData';
import { accuracyLine } from '../scripts/eval/evalReport';
import { classifyAll, prepareModel } from '../scripts/eval/evalRun';
import { agreement, scoreAccuracy } from '../scripts/eval/evalScore';
import { harnessIsStale, serveHarness, type HarnessServer } from '../scripts/common/harnessBuild';
import { localUrlFor, routeLocalFiles } from '../scripts/common/headless';
import { needShared } from './support';

const MODEL = 'mobilenet_v2_100_224';
const TINY = 'mobilenet_v1_025_224_layers';

let harness: HarnessServer | null = null;
test.beforeAll(async () => {
  test.setTimeout(300_000); // a vite build of the harness when src/ changed since the last one
  harness = await serveHarness({ rebuild: await harnessIsStale(), log: (line) => console.log(line) });
});
test.afterAll(async () => {
  await harness?.close();
});
const harnessBase = (): string => {
  if (!harness) throw new Error('the harness server did not start');
  return harness.baseUrl;
};

async function openHarnessPage(page: Page, base: string): Promise<Page> {
  await routeLocalFiles(page, base);
  await page.goto(`${base}harness.html`);
  await page.waitForFunction(() => 'lumenHarness' in window);
  return page;
}

test('eval harness: MobileNetV2 on wasm scores sanely on 50 sample images', async ({ page }) => {
  needShared({ paths: [DEFAULT_IMAGES], models: [MODEL] });
  const base = harnessBase();
  await openHarnessPage(page, base);

  const prepared = await prepareModel(page, MODEL, 'wasm');
  expect(prepared.engine.backend).toBe('wasm');
  const set = await loadEvalSet(DEFAULT_IMAGES, 50);
  expect(new Set(set.images.map((i) => i.label)).size).toBe(50);

  const outcomes = await classifyAll({ page, localUrl: (path) => localUrlFor(base, path) }, prepared.spec, set.images, { batchSize: 16 });
  const acc = scoreAccuracy(
    outcomes,
    set.images.map((i) => i.label ?? -1),
  );
  console.log(accuracyLine(MODEL, 'wasm', acc));
  expect(acc.n).toBe(50);
  expect(acc.failed).toBe(0);
  expect(acc.top1).toBeGreaterThanOrEqual(0.6);
  expect(acc.top5).toBeGreaterThanOrEqual(acc.top1);
  expect(acc.top5).toBeGreaterThanOrEqual(0.8);
  // Every outcome carries a full distribution: probabilities over the 1000 Keras classes sum to ≤ 1.
  for (const o of outcomes) if (o.ok) expect(o.probabilities.reduce((s, p) => s + p, 0)).toBeLessThanOrEqual(1.001);
});

/**
 * Same bytes in, same numbers out: float32 backends agree to ~1e-5 here (SwiftShader). The bound
 * 1e-4 is 10× that, and 10× below what webgpu gave before predict.ts fed it exact pixels (9.9e-4
 * on these 16 images: tfjs-backend-webgpu floors 255·v when reading an ImageBitmap).
 */
test('backend agreement: webgpu and webgl match cpu on 16 sample images', async ({ page, context }) => {
  needShared({ paths: [DEFAULT_IMAGES], models: [TINY] });
  const base = harnessBase();
  const set = await loadEvalSet(DEFAULT_IMAGES, 16);
  const run = async (target: Page, backend: 'cpu' | 'webgl' | 'webgpu') => {
    const prepared = await prepareModel(target, TINY, backend);
    expect(prepared.engine.backend).toBe(backend);
    return classifyAll({ page: target, localUrl: (path) => localUrlFor(base, path) }, prepared.spec, set.images, { batchSize: 8 });
  };
  const pages = [
    await openHarnessPage(page, base),
    await openHarnessPage(await context.newPage(), base),
    await openHarnessPage(await context.newPage(), base),
  ] as const;
  const [cpu, webgl, webgpu] = await Promise.all([run(pages[0], 'cpu'), run(pages[1], 'webgl'), run(pages[2], 'webgpu')]);
  for (const [name, outcomes] of [
    ['webgl', webgl],
    ['webgpu', webgpu],
  ] as const) {
    const result = agreement(outcomes, cpu);
    console.log(`${name} vs cpu: same top-1 ${result.sameTop1}/${result.compared}, max |Δp| ${result.maxAbsDelta.toExponential(2)}`);
    expect(result.compared).toBe(16);
    expect(result.sameTop1).toBe(16);
    expect(result.maxAbsDelta).toBeLessThanOrEqual(1e-4);
  }
});
