import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { serveFolder, type LocalServer } from '../src/testing/modelServers';
import { SHARED_MODELS, acceptableTop1, classifyPhoto, openOnWasm, requireShared, sharedModel, sharedModelFiles } from './support';

const GRAPH = 'mobilenet_v1_025_224_graph';
const PHOTO = 'parrot.jpg';

/**
 * Serves ../shared/models over HTTP on a free port; `cors` decides whether other origins may read
 * it. Under /no-shards/ only the JSON files exist, as on a server where the upload went wrong.
 */
function modelServer(cors: boolean): Promise<LocalServer> {
  const noShards = (path: string): string | null => (path.endsWith('.json') ? path.slice('/no-shards'.length) : null);
  return serveFolder(SHARED_MODELS, {
    headers: cors ? { 'access-control-allow-origin': '*' } : {},
    map: (path) => (path.startsWith('/no-shards/') ? noShards(path) : path),
    record: (url) => decodeURIComponent(url.pathname),
  });
}

/** A tiny Keras model that is not a classifier: pooled pixels → one value. */
function oneOutputModel(): { name: string; mimeType: string; buffer: Buffer }[] {
  const json = {
    modelTopology: {
      keras_version: '2.1.6',
      model_config: {
        class_name: 'Sequential',
        config: [
          { class_name: 'GlobalAveragePooling2D', config: { name: 'pool', batch_input_shape: [null, 32, 32, 3], dtype: 'float32' } },
          { class_name: 'Dense', config: { name: 'head', units: 1, activation: 'sigmoid', use_bias: true } },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['one.bin'],
        weights: [
          { name: 'head/kernel', shape: [3, 1], dtype: 'float32' },
          { name: 'head/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
  return [
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
    { name: 'one.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(4 * 4) },
  ];
}

async function readUrl(page: Page, url: string): Promise<void> {
  await page.getByTestId('custom-url').fill(url);
  await page.getByTestId('custom-url-read').click();
}

const error = (page: Page) => page.getByTestId('custom-error');

test.describe('Your own model', () => {
  requireShared();
  let withCors: LocalServer;
  let withoutCors: LocalServer;

  test.beforeAll(async () => {
    withCors = await modelServer(true);
    withoutCors = await modelServer(false);
  });
  test.afterAll(async () => {
    await Promise.all([withCors.close(), withoutCors.close()]);
  });

  test('by URL: read model.json, set what it does not say, load, classify; the settings are remembered', async ({ page }) => {
    await openOnWasm(page, `model=${GRAPH}&view=custom`);
    const url = `${withCors.origin}/${GRAPH}/model.json`;
    await readUrl(page, url);
    await expect(page.getByTestId('custom-draft')).toHaveAttribute('data-format', 'graph');
    // model.json states input 224×224 and a logits output; preprocessing is never stated.
    await expect(page.getByTestId('custom-height')).toBeDisabled();
    await expect(page.getByTestId('custom-output')).toHaveValue('logits');
    await expect(page.getByTestId('custom-classes')).toHaveValue('1001'); // guessed from the last weight
    await page.getByTestId('custom-preprocessing').selectOption('unit');
    await page.getByTestId('custom-add').click();
    await expect(page.getByTestId('custom-status')).toContainText('loaded');
    expect(withCors.requests).toEqual(expect.arrayContaining([`/${GRAPH}/model.json`, `/${GRAPH}/group1-shard1of1`]));
    await expect(page.getByTestId('model-select')).toHaveValue(/^custom-/);

    expect(acceptableTop1(PHOTO)).toContain(await classifyPhoto(page, PHOTO));

    await page.reload();
    await page.getByTestId('tab-custom').click();
    await readUrl(page, url);
    await expect(page.getByTestId('custom-remembered')).toBeVisible();
    await expect(page.getByTestId('custom-preprocessing')).toHaveValue('unit');
  });

  test('by dropping model.json, its shard and labels.json; it appears in the picker and classifies', async ({ page }) => {
    await openOnWasm(page, `model=${GRAPH}&view=custom`);
    await page.getByTestId('custom-files').setInputFiles(sharedModelFiles(GRAPH));
    await expect(page.getByTestId('custom-draft')).toContainText('labels: labels.json');
    await expect(page.getByTestId('custom-draft')).toContainText('Ignored: SOURCE.md');
    await page.getByTestId('custom-preprocessing').selectOption('unit');
    await page.getByTestId('custom-add').click();
    await expect(page.getByTestId('custom-status')).toContainText('loaded');
    await expect(page.locator('[data-testid=model-select] optgroup[label="Your models"] option')).toHaveCount(1);
    expect(acceptableTop1(PHOTO)).toContain(await classifyPhoto(page, PHOTO));
    // Explain works on a model the person brought (issue 10): Grad-CAM through its graph, as for the catalog's.
    const card = page.getByTestId('result').first();
    await card.getByTestId('prediction').first().getByTestId('explain').click();
    await expect(card.getByTestId('heatmap')).toHaveAttribute('data-method', 'gradcam');
  });

  test('each error is named: missing shard, not a classifier, CORS refusal, unreachable server, non-http URL', async ({ page }) => {
    await openOnWasm(page, `model=${GRAPH}&view=custom`);
    const files = page.getByTestId('custom-files');

    await files.setInputFiles([resolve(sharedModel(GRAPH), 'model.json')]);
    await expect(error(page)).toHaveText(/^Missing shard file: group1-shard1of1\./);

    await files.setInputFiles(oneOutputModel());
    await expect(error(page)).toHaveText('This model is not an image classifier: its output is [N, 1], not one score per class (a classifier has at least 2).');

    await readUrl(page, `${withoutCors.origin}/${GRAPH}/model.json`);
    await expect(error(page)).toContainText(`${withoutCors.origin} answered, but refused this page's cross-origin request (CORS)`);
    expect(withoutCors.requests.length).toBeGreaterThan(0); // it really answered

    const closed = await modelServer(true);
    await closed.close();
    await readUrl(page, `${closed.origin}/${GRAPH}/model.json`);
    await expect(error(page)).toContainText(`Could not reach ${closed.origin}`);

    // The worker names a shard the server does not have.
    await readUrl(page, `${withCors.origin}/no-shards/${GRAPH}/model.json`);
    await page.getByTestId('custom-add').click();
    // The failed model does not stay selected: the previous one comes back, the error stays in view.
    await expect(page.getByTestId('app-error')).toContainText(/missing shard group1-shard1of1 \(.*answered HTTP 404\)/);
    await page.getByTestId('model-select').selectOption(GRAPH);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');

    await readUrl(page, 'ftp://example.com/model.json');
    await expect(error(page)).toContainText('Only http:// and https:// addresses can be loaded; "ftp://example.com/model.json" uses ftp:');

    // An error loses nothing else: the catalog model is still loaded and selected.
    await expect(page.getByTestId('model-select')).toHaveValue(GRAPH);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  });
});
