/**
 * A self-hosted hosted model in the browser: `--self-host` (the real installer) downloads
 * mobilenet_v1_025_224_tfhub from a local stand-in for TF-Hub into a temp folder; the app's
 * models/mobilenet_v1_025_224_tfhub/1/ is answered from that folder (public/models is left alone:
 * hosted.spec needs the model online). The app must load it from there, with no request to the hub
 * or the labels host, and classify chelsea.png as a cat.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { installModels } from '../scripts/models/install';
import { serveModelHub, type LocalServer } from '../src/testing/modelServers';
import { needShared, photoPath, sharedModel } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const MODEL_DIR = sharedModel('mobilenet_v1_025_224_graph');
const CHELSEA = photoPath('chelsea.png');
const ID = 'mobilenet_v1_025_224_tfhub';
const HUB_PATH = '/google/imagenet/mobilenet_v1_025_224/classification/1';

// Routing must see every request: no service worker in between.
test.use({ serviceWorkers: 'block' });

let tmp = '';
let folder = '';
let hub: LocalServer | null = null;

needShared({ paths: [MODEL_DIR, CHELSEA] }); // they stand in for TF-Hub

test.beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'lumen-selfhost-e2e-'));
  hub = await serveModelHub(MODEL_DIR, { hubPath: HUB_PATH, labelsPath: '/data/ImageNetLabels.txt' });
  const base = hub.origin;
  const catalog = JSON.parse(await readFile(resolve(ROOT, 'public/models/catalog.json'), 'utf8')) as { models: { id: string }[] };
  const entry = {
    ...catalog.models.find((m) => m.id === ID),
    labels: `${base}/data/ImageNetLabels.txt`,
    source: { kind: 'hosted', modelUrl: `${base}${HUB_PATH}` },
  };
  await writeFile(join(tmp, 'catalog.json'), JSON.stringify({ ...catalog, defaultModel: ID, models: [entry] }));
  const report = await installModels({ catalogPath: join(tmp, 'catalog.json'), outDir: tmp, selfHost: true });
  expect(report.models[0]?.status).toBe('installed');
  expect(report.manifest.manifest.models).toEqual([{ id: ID, version: '1', selfHosted: true }]);
  folder = join(tmp, ID, '1');
});

test.afterAll(async () => {
  await hub?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('a self-hosted hosted model loads from its own folder, never from the hub', async ({ page }) => {
  // The build's models/installed.json describes public/models, where this model is online; the
  // installer wrote the one for the temp folder, listing the self-hosted copy.
  await page.route('**/models/installed.json', (route) => route.fulfill({ path: join(tmp, 'installed.json') }));
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
