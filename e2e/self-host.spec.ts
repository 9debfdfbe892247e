/**
 * A self-hosted hosted model in the browser: `--self-host` (the real installer) downloads
 * mobilenet_v1_025_224_tfhub from a local stand-in for TF-Hub into a temp folder; the app's
 * models/mobilenet_v1_025_224_tfhub/1/ is answered from that folder (public/models is left alone:
 * hosted.spec needs the model online). The app must load it from there, with no request to the hub
 * or the labels host, and classify chelsea.png as a cat.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { installModels } from '../scripts/models/install';

const ROOT = resolve(import.meta.dirname, '..');
const MODEL_DIR = resolve(ROOT, '../shared/models/mobilenet_v1_025_224_graph');
const CHELSEA = resolve(ROOT, '../shared/images/photos/chelsea.png');
const ID = 'mobilenet_v1_025_224_tfhub';
const HUB_PATH = '/google/imagenet/mobilenet_v1_025_224/classification/1';

// Routing must see every request: no service worker in between.
test.use({ serviceWorkers: 'block' });

let tmp = '';
let folder = '';
let hub: Server | null = null;

test.beforeAll(async () => {
  if (!existsSync(MODEL_DIR) || !existsSync(CHELSEA)) return;
  tmp = await mkdtemp(join(tmpdir(), 'lumen-selfhost-e2e-'));
  const names = JSON.parse(readFileSync(resolve(MODEL_DIR, 'labels.json'), 'utf8')) as string[];
  hub = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/data/ImageNetLabels.txt') return void res.writeHead(200).end(['background', ...names].join('\n'));
    const file = resolve(MODEL_DIR, basename(url.pathname));
    if (!url.pathname.startsWith(`${HUB_PATH}/`) || url.search !== '?tfjs-format=file' || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => hub?.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  const catalog = JSON.parse(await readFile(resolve(ROOT, 'public/models/catalog.json'), 'utf8')) as { models: { id: string }[] };
  const entry = {
    ...catalog.models.find((m) => m.id === ID),
    labels: `${base}/data/ImageNetLabels.txt`,
    source: { kind: 'hosted', modelUrl: `${base}${HUB_PATH}` },
  };
  await writeFile(join(tmp, 'catalog.json'), JSON.stringify({ ...catalog, defaultModel: ID, models: [entry] }));
  const report = await installModels({ catalogPath: join(tmp, 'catalog.json'), outDir: tmp, selfHost: true });
  expect(report.models[0]?.status).toBe('installed');
  folder = join(tmp, ID, '1');
});

test.afterAll(async () => {
  await new Promise<void>((done) => (hub ? hub.close(() => done()) : done()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('a self-hosted hosted model loads from its own folder, never from the hub', async ({ page }) => {
  if (!folder) {
    console.warn(`SKIPPED: needs ${MODEL_DIR} and ${CHELSEA} (the shared folder) to stand in for TF-Hub`);
    test.skip();
  }
  const served: string[] = [];
  await page.route(`**/models/${ID}/1/*`, (route) => {
    const name = basename(new URL(route.request().url()).pathname);
    served.push(name);
    const file = join(folder, name);
    return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'not found' });
  });
  const thirdParty: string[] = [];
  for (const host of ['https://tfhub.dev/**', 'https://storage.googleapis.com/**']) {
    await page.route(host, (route) => {
      thirdParty.push(route.request().url());
      return route.abort('blockedbyclient');
    });
  }

  await page.goto(`./?model=${ID}&backend=wasm`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('model-select').locator('option:checked')).not.toContainText('(online)');
  await page.getByTestId('drop-input').setInputFiles(CHELSEA);
  const result = page.getByTestId('result').first();
  await expect(result).toHaveAttribute('data-status', 'ok');
  const top = result.getByTestId('prediction').first();
  expect([281, 282, 285]).toContain(Number(await top.getAttribute('data-class-index')));
  await expect(top).toContainText(/cat/i); // the name came from the self-hosted ImageNetLabels.txt
  expect(served).toEqual(expect.arrayContaining(['lumen-model.json', 'model.json', 'group1-shard1of1', 'ImageNetLabels.txt']));
  expect(thirdParty).toEqual([]);
});
