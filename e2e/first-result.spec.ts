/**
 * Time from drop to first result, cold (fresh browser profile: empty model cache, the drop lands
 * while the engine and model are still starting) and warm (the model is loaded). Printed as a
 * figure for the record, never asserted: speed belongs in benchmarks, correctness in tests.
 */
import { expect, test } from './fixtures';
import { expectedTop1, hasWebGpuAdapter, photoFile, requireShared, settledResults } from './support';

for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
  test(`drop → first result on ${backend}, cold then warm (MobileNetV2)`, async ({ page }) => {
    requireShared('mobilenet_v2_100_224');
    test.setTimeout(240_000);
    if (backend === 'webgpu') {
      await page.goto('./');
      if (!(await hasWebGpuAdapter(page))) test.skip(true, 'no WebGPU adapter');
      await page.evaluate(async () => {
        for (const key of await caches.keys()) await caches.delete(key);
      });
    }
    await page.goto(`./?model=mobilenet_v2_100_224&backend=${backend}`);
    await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png')]);
    const cold = await settledResults(page, 1);
    expect(expectedTop1().get('chelsea.png')).toContain(cold.get('chelsea.png')?.top1);
    const coldMs = Number(await page.getByTestId('run-summary').getAttribute('data-first-ms'));

    await page.getByTestId('drop-input').setInputFiles([photoFile('coffee.png')]);
    await expect(page.locator('[data-testid=result][data-file="coffee.png"][data-status=ok]')).toHaveCount(1);
    await expect(page.getByTestId('run-summary')).toHaveAttribute('data-done', '1');
    const warmMs = Number(await page.getByTestId('run-summary').getAttribute('data-first-ms'));
    expect(coldMs).toBeGreaterThan(0);
    expect(warmMs).toBeGreaterThan(0);
    console.log(`FIGURE drop→first result, MobileNetV2, ${backend}: cold ${coldMs.toFixed(0)} ms, warm ${warmMs.toFixed(0)} ms`);
  });
}
