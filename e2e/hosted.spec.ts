/**
 * The loading path of hosted catalog models, without the internet: the real TF-Hub URL of
 * MobileNetV1 0.25 (the catalog's mobilenet_v1_025_224_tfhub) and TF-Hub's ImageNetLabels.txt are
 * answered from ../shared (the shared graph model is a byte copy of that TF-Hub module), and the
 * app must resolve the handle, fetch model.json and its shard with ?tfjs-format=file, read the
 * text labels and classify chelsea.png as a cat.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { needShared, photoPath, sharedModel } from './support';

const MODEL_DIR = sharedModel('mobilenet_v1_025_224_graph');
const CHELSEA = photoPath('chelsea.png');
const HANDLE = 'https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1';
const LABELS = 'https://storage.googleapis.com/download.tensorflow.org/data/ImageNetLabels.txt';
const CORS = { 'access-control-allow-origin': '*' };

test('a hosted catalog model loads by URL and classifies chelsea.png', async ({ page }) => {
  needShared({ paths: [MODEL_DIR, CHELSEA] }); // they stand in for TF-Hub
  const served: string[] = [];
  await page.route(`${HANDLE}/**`, (route) => {
    const url = new URL(route.request().url());
    served.push(`${basename(url.pathname)}${url.search}`);
    const file = resolve(MODEL_DIR, basename(url.pathname));
    if (!existsSync(file)) return route.fulfill({ status: 404, headers: CORS, body: 'not found' });
    return route.fulfill({ path: file, headers: CORS });
  });
  // TF-Hub's labels file is plain text, 1001 lines with "background" first.
  const names = JSON.parse(readFileSync(resolve(MODEL_DIR, 'labels.json'), 'utf8')) as string[];
  await page.route(LABELS, (route) => route.fulfill({ headers: { ...CORS, 'content-type': 'text/plain' }, body: ['background', ...names].join('\n') }));
  const offline: string[] = [];
  page.on('requestfailed', (request) => offline.push(request.url()));

  await page.goto('./?model=mobilenet_v1_025_224_tfhub&backend=wasm');
  await expect(page.getByTestId('model-select').locator('option:checked')).toContainText('(online)');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('drop-input').setInputFiles(CHELSEA);

  const result = page.getByTestId('result').first();
  await expect(result).toHaveAttribute('data-status', 'ok');
  const top = result.getByTestId('prediction').first();
  expect([281, 282, 285]).toContain(Number(await top.getAttribute('data-class-index')));
  await expect(top).toContainText(/cat/i); // the name came from the routed ImageNetLabels.txt
  expect(served).toEqual(expect.arrayContaining(['model.json?tfjs-format=file', 'group1-shard1of1?tfjs-format=file']));
  expect(offline.filter((url) => url.includes('tfhub.dev') || url.includes('storage.googleapis.com'))).toEqual([]);
});
