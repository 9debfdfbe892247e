/**
 * Issue 17: any classifier, on ONNX Runtime Web and LiteRT.js beside TF.js. The same MobileNetV2
 * as ONNX (NHWC, softmax over 1001), in the Hugging Face layout (NCHW, 1000 logits, labels from
 * config.json) and as the uint8 TFLite original classifies photos in the app, on its own runtime,
 * which the header names; the float runtimes agree with TF.js on the same float weights.
 */
import { expect, test } from './fixtures';
import { acceptableTop1, openApp, photoFile, requireShared, settledResults } from './support';

const PHOTOS = ['parrot.jpg', 'chelsea.png', 'coffee.png', 'hot_dog.jpg'];

async function classifyAll(page: Parameters<typeof openApp>[0], query: string) {
  await openApp(page, query, 'wasm');
  await page.getByTestId('drop-input').setInputFiles(PHOTOS.map(photoFile));
  return settledResults(page, PHOTOS.length);
}

for (const { model, runtime, exact } of [
  { model: 'mobilenet_v2_100_224_onnx', runtime: 'ort', exact: true },
  { model: 'hf_mobilenet_v2_100_224', runtime: 'ort', exact: true },
  { model: 'mobilenet_v2_100_224_quant_tflite', runtime: 'litert', exact: false },
] as const) {
  test(`${model} runs on ${runtime}: the header says so, every photo's top-1 is right${exact ? ', and it agrees with TF.js on the same weights' : ''}`, async ({
    page,
  }) => {
    requireShared(model, 'mobilenet_v2_100_224');
    test.setTimeout(240_000);
    const results = await classifyAll(page, `?model=${model}&backend=wasm`);
    const badge = page.getByTestId('runtime');
    await expect(badge).toHaveAttribute('data-runtime', runtime);
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
    expect(Number(await badge.getAttribute('data-threads'))).toBeGreaterThanOrEqual(1);
    // The runtime's own heap, beside tf.memory(): the model's session is held, and every tensor it allocated is freed.
    const memory = page.getByTestId('tf-memory');
    await expect(memory).toHaveAttribute('data-runtime-tensors', '0');
    expect(Number(await memory.getAttribute('data-runtime-sessions'))).toBeGreaterThanOrEqual(1);
    expect(Number(await memory.getAttribute('data-runtime-bytes'))).toBeGreaterThan(1e6);
    console.log(`FIGURE ${model} memory after ${PHOTOS.length} photos: ${await memory.textContent()}`);
    for (const photo of PHOTOS) {
      const result = results.get(photo);
      expect(result?.status, `${photo}: ${result?.text}`).toBe('ok');
      expect(acceptableTop1(photo), `${photo}: top-1 ${result?.top1} (${result?.text})`).toContain(result?.top1);
    }
    if (!exact) return;
    const reference = await classifyAll(page, '?model=mobilenet_v2_100_224&backend=wasm');
    await expect(badge).toHaveAttribute('data-runtime', 'tfjs');
    let maxDelta = 0;
    for (const photo of PHOTOS) {
      expect(results.get(photo)?.top1, photo).toBe(reference.get(photo)?.top1);
      maxDelta = Math.max(maxDelta, Math.abs((results.get(photo)?.probability ?? 0) - (reference.get(photo)?.probability ?? 0)));
    }
    console.log(
      `FIGURE agreement ${model} (${runtime}) vs mobilenet_v2_100_224 (tfjs), wasm, ${PHOTOS.length} photos: top-1 ${PHOTOS.length}/${PHOTOS.length}, max |Δp| of top-1 ${maxDelta.toExponential(2)}`,
    );
    expect(maxDelta).toBeLessThanOrEqual(1e-3);
  });
}

test('?runtime= picks the member of the family on that runtime, and says so; an unknown one says what exists', async ({ page }) => {
  requireShared('mobilenet_v2_100_224', 'mobilenet_v2_100_224_onnx', 'mobilenet_v2_100_224_quant_tflite');
  test.setTimeout(120_000);
  for (const [runtime, member] of [
    ['ort', 'mobilenet_v2_100_224_onnx'],
    ['litert', 'mobilenet_v2_100_224_quant_tflite'],
    ['tfjs', 'mobilenet_v2_100_224'],
  ] as const) {
    await openApp(page, `?model=mobilenet_v2_100_224&runtime=${runtime}&backend=wasm`, 'wasm');
    await expect(page.getByTestId('model-select')).toHaveValue(member);
    await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', runtime);
    if (runtime !== 'tfjs') await expect(page.getByTestId('runtime-notice')).toContainText(`runtime=${runtime}`);
  }
  await openApp(page, '?model=mobilenet_v2_100_224&runtime=pytorch&backend=wasm', 'wasm');
  await expect(page.getByTestId('runtime-notice')).toContainText('Unknown runtime "pytorch"');
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', 'tfjs');
});

test('Compare puts the family on three runtimes side by side, each row against the first: same top-1, and how far any probability moved', async ({ page }) => {
  const family = ['mobilenet_v2_100_224', 'mobilenet_v2_100_224_onnx', 'hf_mobilenet_v2_100_224', 'mobilenet_v2_100_224_quant_tflite'];
  requireShared(...family);
  test.setTimeout(240_000);
  await openApp(page, '?model=mobilenet_v2_100_224&backend=wasm', 'wasm');
  await page.getByTestId('drop-input').setInputFiles([photoFile('parrot.jpg')]);
  await settledResults(page, 1);
  await page.getByTestId('tab-compare').click();
  // The view is lazy: wait for its list before reading it (all() does not wait).
  await expect(page.locator(`[data-testid=compare-model][data-model=${family[3]}]`)).toBeVisible();
  for (const box of await page.getByTestId('compare-model').all()) {
    if (family.includes((await box.getAttribute('data-model')) ?? '')) await box.check();
    else await box.uncheck();
  }
  await page.getByTestId('compare-runs').fill('2');
  await page.getByTestId('compare-start').click();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-status', 'done');
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(family.length);
  const runtimes = await rows.evaluateAll((all) => all.map((r) => [r.getAttribute('data-model'), r.getAttribute('data-runtime')]));
  expect(Object.fromEntries(runtimes)).toEqual({
    mobilenet_v2_100_224: 'tfjs',
    mobilenet_v2_100_224_onnx: 'ort',
    hf_mobilenet_v2_100_224: 'ort',
    mobilenet_v2_100_224_quant_tflite: 'litert',
  });
  const agreements = page.getByTestId('compare-agreement');
  await expect(agreements).toHaveCount(family.length - 1);
  for (const [i, cell] of (await agreements.all()).entries()) {
    await expect(cell).toHaveAttribute('data-same-top1', 'true');
    const delta = Number(await cell.getAttribute('data-max-delta'));
    console.log(`FIGURE compare parrot.jpg ${family[i + 1]} vs ${family[0]}: same top-1, max |Δp| ${delta.toExponential(2)}`);
    // The float members run the same weights: they agree to float rounding; the uint8 one is its own quantized model.
    if (i < 2) expect(delta).toBeLessThanOrEqual(1e-3);
  }
});

test('Explain on an ONNX model: occlusion (forward passes only), with why Grad-CAM needs TF.js', async ({ page }) => {
  requireShared('mobilenet_v2_100_224_onnx');
  test.setTimeout(240_000);
  await openApp(page, '?model=mobilenet_v2_100_224_onnx&backend=wasm', 'wasm');
  await page.getByTestId('drop-input').setInputFiles([photoFile('parrot.jpg')]);
  await settledResults(page, 1);
  const card = page.getByTestId('result').first();
  await card.getByTestId('prediction').first().getByTestId('explain').click();
  await expect(card.getByTestId('heatmap')).toHaveAttribute('data-method', 'occlusion');
  await expect(card).toContainText('Grad-CAM needs gradients, which only TF.js models give');
});
