import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { corruptJpeg, expectedTop1, hasWebGpuAdapter, openApp, photoFile, requireShared, settledResults } from './support';

const MODELS = ['mobilenet_v2_100_224', 'resnet50'] as const;
const BACKENDS = ['webgl', 'webgpu'] as const;

for (const backend of BACKENDS) {
  for (const model of MODELS) {
    test(`${model} on ${backend}: chelsea and coffee get an acceptable top-1`, async ({ page }) => {
      requireShared(model);
      // ResNet50 on emulated WebGPU compiles and runs slowly (SwiftShader); give it room.
      test.setTimeout(backend === 'webgpu' && model === 'resnet50' ? 480_000 : 240_000);
      await page.goto('./');
      if (backend === 'webgpu' && !(await hasWebGpuAdapter(page))) test.skip(true, 'this browser gives no WebGPU adapter');
      await openApp(page, `?model=${model}&backend=${backend}`, backend);
      await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png'), photoFile('coffee.png')]);
      const results = await settledResults(page, 2);
      const expected = expectedTop1();
      for (const file of ['chelsea.png', 'coffee.png']) {
        const result = results.get(file);
        expect(result?.status, `${file} status`).toBe('ok');
        expect(expected.get(file), `top-1 of ${file} was ${result?.top1}`).toContain(result?.top1);
        expect(result?.k).toBe(5);
      }
    });
  }
}

test('a corrupt file fails alone with a readable message; the rest of the drop gets results', async ({ page }) => {
  requireShared('mobilenet_v2_100_224');
  await openApp(page, '?model=mobilenet_v2_100_224&backend=webgl', 'webgl');
  await page.getByTestId('drop-input').setInputFiles([photoFile('chelsea.png'), corruptJpeg, photoFile('coffee.png')]);
  const results = await settledResults(page, 3);
  expect(results.get('broken.jpg')?.status).toBe('error');
  expect(results.get('broken.jpg')?.text).toMatch(/"broken\.jpg" is not an image: it is a text file/);
  expect(results.get('chelsea.png')?.status).toBe('ok');
  expect(results.get('coffee.png')?.status).toBe('ok');
  await expect(page.getByTestId('run-summary')).toContainText('1 could not be read');
  // The JSON export carries every image, the failed one with its message.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as { model: string; backend: string; images: { file: string; status: string }[] };
  expect(doc).toMatchObject({ model: 'mobilenet_v2_100_224', backend: 'webgl' });
  expect(doc.images.map((i) => `${i.file}:${i.status}`).sort()).toEqual(['broken.jpg:error', 'chelsea.png:ok', 'coffee.png:ok']);
});

test('top-k follows the k input, and the URL reproduces model and backend', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_layers');
  await openApp(page, '?model=mobilenet_v1_025_224_layers&backend=cpu', 'cpu');
  await expect(page.getByTestId('model-select')).toHaveValue('mobilenet_v1_025_224_layers');
  await page.getByTestId('topk-input').fill('3');
  await page.getByTestId('drop-input').setInputFiles([photoFile('coffee.png')]);
  expect((await settledResults(page, 1)).get('coffee.png')?.k).toBe(3);
  const probabilities = await page.getByTestId('prediction').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-probability'))));
  expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
  expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
  // Changing k re-runs what is on screen.
  await page.getByTestId('topk-input').fill('7');
  await expect(page.getByTestId('prediction')).toHaveCount(7);
});

test('drag-and-drop of several files works like the picker', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=wasm', 'wasm');
  const files = [photoFile('chelsea.png'), photoFile('parrot.jpg')].map((f) => ({ name: f.name, type: f.mimeType, bytes: [...f.buffer] }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  const results = await settledResults(page, 2);
  expect(results.get('parrot.jpg')?.status).toBe('ok');
  expect(expectedTop1().get('parrot.jpg')).toContain(results.get('parrot.jpg')?.top1);
});

test('automatic backend choice names a backend and explains it; an emulated GPU is not preferred over wasm', async ({ page }) => {
  requireShared('mobilenet_v2_100_224');
  await openApp(page, '?model=mobilenet_v2_100_224');
  const backend = await page.getByTestId('backend').textContent();
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(backend);
  const emulated = await page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean; architecture?: string } } | null> } }).gpu;
    const adapter = await gpu?.requestAdapter();
    return !adapter || Boolean(adapter.info?.isFallbackAdapter) || /swiftshader/i.test(adapter.info?.architecture ?? '');
  });
  if (emulated) expect(backend).toBe('wasm');
  await page.locator('.engine summary').click();
  await expect(page.getByTestId('engine-panel')).toContainText(emulated ? /software/ : /adapter|renderer/);
});

test('pasting an image classifies it', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openApp(page, '?model=mobilenet_v1_025_224_graph&backend=wasm', 'wasm');
  const coffee = photoFile('coffee.png');
  await page.evaluate(
    (bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
    },
    [...coffee.buffer],
  );
  const results = await settledResults(page, 1);
  expect(results.get('image.png')?.status).toBe('ok');
});
