/**
 * Model loading under faults (issue 7, item 6): a corrupt cached model, a corrupt file on the server
 * too, Cache Storage full, and a network that drops model downloads. Each time the page either
 * classifies (acceptable top-1) or names the file at fault while the previous model keeps working.
 */
import { expect, test, type Page } from './fixtures';
import { acceptableTop1, classifyPhoto, openOnWasm, requireShared } from './support';
import { MODEL_CACHE } from '../src/shared/models/cacheGroups';

const MODEL = 'mobilenet_v1_025_224_graph';
const PREVIOUS = 'mobilenet_v1_025_224_layers';
const SHARD_ROUTE = `**/models/${MODEL}/1.0.0/group1-shard1of1`;
// Both MobileNetV1 0.25 variants get this one right.
const PHOTO = 'parrot.jpg';

/** Cache Storage entries of one model's folder, URL → bytes. */
async function cachedFiles(page: Page, model: string): Promise<Record<string, number>> {
  return page.evaluate(
    async ({ cacheName, folder }) => {
      const cache = await caches.open(cacheName);
      const found: Record<string, number> = {};
      for (const request of await cache.keys()) {
        if (!request.url.includes(folder)) continue;
        found[request.url] = (await (await cache.match(request))?.blob())?.size ?? -1;
      }
      return found;
    },
    { cacheName: MODEL_CACHE, folder: `/models/${model}/` },
  );
}

const shardOf = (files: Record<string, number>): string | undefined => Object.keys(files).find((url) => url.endsWith('/group1-shard1of1'));

async function expectTop1(page: Page): Promise<void> {
  expect(acceptableTop1(PHOTO)).toContain(await classifyPhoto(page, PHOTO));
}

/** With PREVIOUS loaded and ready, selects MODEL and waits until the selection falls back to PREVIOUS with an error in view. */
async function selectFailing(page: Page): Promise<string> {
  await page.getByTestId('model-select').selectOption(MODEL);
  const error = page.getByTestId('app-error');
  await expect(error).toContainText('group1-shard1of1');
  await expect(page.getByTestId('model-select')).toHaveValue(PREVIOUS);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  return (await error.textContent()) ?? '';
}

test.describe('Model loading faults', () => {
  requireShared();

  test('a corrupt cached shard is evicted and downloaded again, and the model classifies', async ({ page }) => {
    await openOnWasm(page, `model=${MODEL}`);
    const shard = shardOf(await cachedFiles(page, MODEL));
    expect(shard, 'the shard is cached after the first load').toBeDefined();
    await page.evaluate(async ({ cacheName, url }) => (await caches.open(cacheName)).put(url, new Response('garbage')), {
      cacheName: MODEL_CACHE,
      url: shard ?? '',
    });
    expect((await cachedFiles(page, MODEL))[shard ?? '']).toBe('garbage'.length);

    const downloads: string[] = [];
    page.context().on('request', (request) => void (request.url() === shard && downloads.push(request.url())));
    await page.reload();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'false');
    const evicted = page.locator('[data-testid=notice][data-kind=model-evicted]');
    await expect(evicted).toContainText('group1-shard1of1');
    console.log(`corrupt cache recovered (evict + download again) in ${Number(await evicted.getAttribute('data-recovery-ms')).toFixed(0)} ms`);
    expect(downloads).toHaveLength(1);
    expect((await cachedFiles(page, MODEL))[shard ?? '']).toBeGreaterThan(1_800_000); // the good copy is cached again
    await expectTop1(page);
  });

  test('a shard corrupt on the server too gives an error naming it; the previous model still classifies', async ({ page }) => {
    await openOnWasm(page, `model=${PREVIOUS}`);
    await page.route(SHARD_ROUTE, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'garbage' }));
    const message = await selectFailing(page);
    console.log(`corrupt on the server: ${message}`);
    if (process.env['LUMEN_SHOTS']) await page.screenshot({ path: `${process.env['LUMEN_SHOTS']}/corrupt-fallback.png` });
    expect(message).toMatch(/group1-shard1of1 is corrupt: its sha256 does not match/);
    expect(await cachedFiles(page, MODEL)).toEqual({});
    await expectTop1(page);
  });

  test('with Cache Storage full the model runs from memory and the page says it is not kept for offline use', async ({ page, baseURL }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 64 * 1024 });
    await openOnWasm(page, `model=${MODEL}`);
    await expect(page.getByTestId('cache-problem')).toContainText("Not kept for offline use: this site's browser storage is full.");
    console.log(`storage full: ${await page.getByTestId('cache-problem').textContent()}`);
    if (process.env['LUMEN_SHOTS']) await page.screenshot({ path: `${process.env['LUMEN_SHOTS']}/cache-full.png` });
    await expect(page.locator('[data-testid=notice][data-kind=cache-unavailable]')).toBeVisible();
    expect(await cachedFiles(page, MODEL)).toEqual({}); // no part of the model is kept either
    await expectTop1(page);
  });

  test('a shard download that fails twice is retried and the model classifies', async ({ page }) => {
    let attempts = 0;
    await page.route(SHARD_ROUTE, (route) => (++attempts <= 2 ? route.abort('connectionreset') : route.continue()));
    await openOnWasm(page, `model=${MODEL}`);
    expect(attempts).toBe(3);
    await expect(page.locator('[data-testid=notice][data-kind=download-retry]')).toHaveCount(2);
    expect(shardOf(await cachedFiles(page, MODEL))).toBeDefined();
    await expectTop1(page);
  });

  test('a shard download that always fails gives an error naming it, leaves no cache entry, and the previous model still classifies', async ({ page }) => {
    await openOnWasm(page, `model=${PREVIOUS}`);
    let attempts = 0;
    await page.route(SHARD_ROUTE, (route) => {
      attempts += 1;
      return route.abort('internetdisconnected');
    });
    const message = await selectFailing(page);
    console.log(`network down: ${message}`);
    expect(message).toMatch(/could not download http:\/\/\S+\/group1-shard1of1 after 4 attempts/);
    expect(attempts).toBe(4);
    expect(await cachedFiles(page, MODEL)).toEqual({});
    await expectTop1(page);
  });

  test('a malformed or oversized model.json in "Your model" gets an error naming its problem, by URL or dropped', async ({ page }) => {
    await openOnWasm(page, `model=${PREVIOUS}&view=custom`);
    const error = page.getByTestId('custom-error');
    const drop = (name: string, text: string | Buffer) =>
      page.getByTestId('custom-files').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(text) }]);
    const byUrl = async (path: string): Promise<void> => {
      await page.getByTestId('custom-url').fill(`/custom/${path}`);
      await page.getByTestId('custom-url-read').click();
    };
    const huge = Buffer.alloc(33 * 1024 * 1024, 0x20); // 33 MB of spaces: never read, never parsed
    await page.route('**/custom/*.json', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').at(-1);
      const body =
        name === 'huge.json'
          ? huge
          : name === 'text.json'
            ? 'hello, not JSON'
            : JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: 'w.bin', weights: [] }] });
      return route.fulfill({ status: 200, contentType: 'application/json', body });
    });

    await drop('model.json', '{"modelTopology": {');
    await expect(error).toContainText(/model.json is not JSON \(.+\), so it is not a TF.js model.json/);
    await drop('model.json', '{"weightsManifest": []}');
    await expect(error).toContainText('model.json is JSON but has no "modelTopology"');
    await drop('model.json', JSON.stringify({ modelTopology: { node: [] } }));
    await expect(error).toContainText('"weightsManifest" is missing: a model.json must list its weight files');
    await drop('model.json', huge);
    await expect(error).toContainText('model.json is 33.0 MB, more than the 32.0 MB a TF.js model.json can reasonably be');

    await byUrl('huge.json');
    await expect(error).toContainText(/custom\/huge.json is 33.0 MB, more than the 32.0 MB/);
    await byUrl('text.json');
    await expect(error).toContainText(/custom\/text.json is not JSON/);
    await byUrl('types.json');
    await expect(error).toContainText('weightsManifest[0].paths must be a list of file names');
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready'); // nothing else lost
  });
});
