/**
 * The accuracy harness inside `npm test`: 50 images spread over the 1000-class sample, through the
 * app's own worker (harness.html) on wasm. The bound is a sanity floor far below the reference
 * (84.7 % on the full 1000), not a speed; `npm run eval` runs the full set.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_IMAGES } from '../scripts/lib/evalArgs';
import { loadEvalSet } from '../scripts/lib/evalData';
import { accuracyLine } from '../scripts/lib/evalReport';
import { classifyAll, prepareModel } from '../scripts/lib/evalRun';
import { scoreAccuracy } from '../scripts/lib/evalScore';
import { localUrlFor, routeLocalFiles } from '../scripts/lib/headless';

const MODEL = 'mobilenet_v2_100_224';
const installed = existsSync(resolve(import.meta.dirname, `../public/models/${MODEL}/1.0.0/model.json`));

test('eval harness: MobileNetV2 on wasm scores sanely on 50 sample images', async ({ page, baseURL }) => {
  if (!existsSync(DEFAULT_IMAGES) || !installed) {
    console.warn(`SKIPPED: needs ${DEFAULT_IMAGES} and ${MODEL} installed (npm run models -- --from ../shared/models)`);
    test.skip();
  }
  const base = baseURL ?? '';
  await routeLocalFiles(page, base);
  await page.goto('harness.html');
  await page.waitForFunction(() => 'lumenHarness' in window);

  const prepared = await prepareModel(page, MODEL, 'wasm');
  expect(prepared.engine.backend).toBe('wasm');
  const set = await loadEvalSet(DEFAULT_IMAGES, 50);
  expect(new Set(set.images.map((i) => i.label)).size).toBe(50);

  const outcomes = await classifyAll({ page, localUrl: (path) => localUrlFor(base, path) }, prepared.spec, set.images, { batchSize: 16 });
  const acc = scoreAccuracy(outcomes, set.images.map((i) => i.label ?? -1));
  console.log(accuracyLine(MODEL, 'wasm', acc));
  expect(acc.n).toBe(50);
  expect(acc.failed).toBe(0);
  expect(acc.top1).toBeGreaterThanOrEqual(0.6);
  expect(acc.top5).toBeGreaterThanOrEqual(acc.top1);
  expect(acc.top5).toBeGreaterThanOrEqual(0.8);
  // Every outcome carries a full distribution: probabilities over the 1000 Keras classes sum to ≤ 1.
  for (const o of outcomes) if (o.ok) expect(o.probabilities.reduce((s, p) => s + p, 0)).toBeLessThanOrEqual(1.001);
});
