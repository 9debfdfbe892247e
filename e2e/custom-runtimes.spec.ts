/**
 * Issue 17: Your model takes more than TF.js. A dropped Hugging Face folder (config.json's
 * id2label, preprocessor_config.json, onnx/model.onnx), a PyTorch-style ONNX (NCHW input with
 * torchvision's normalisation, 1000 logits) and a TFLite file with a labels file of its own each
 * classify a photo right, on ONNX Runtime or LiteRT, with what was read from their files shown.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { withTorchInput } from '../src/testing/onnxTorchWrap';
import { serveLocal } from '../src/testing/modelServers';
import { acceptableTop1, classifyPhoto, openOnWasm, requireShared, sharedModel } from './support';

const HF = sharedModel('hf_mobilenet_v2_100_224');
const TFLITE = sharedModel('mobilenet_v2_100_224_quant_tflite');
const PHOTO = 'parrot.jpg';

const file = (path: string, name = path.split('/').at(-1) ?? path) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(path) });

async function addAndClassify(page: Page, runtime: string): Promise<void> {
  await page.getByTestId('custom-add').click();
  await expect(page.getByTestId('custom-status')).toContainText('loaded');
  await expect(page.getByTestId('runtime')).toHaveAttribute('data-runtime', runtime);
  expect(acceptableTop1(PHOTO)).toContain(await classifyPhoto(page, PHOTO));
}

test.describe('Your model: ONNX and TFLite', () => {
  requireShared();
  test.setTimeout(180_000);

  test('a Hugging Face folder: labels from id2label, preprocessing from preprocessor_config.json, runs on ONNX Runtime', async ({ page }) => {
    await openOnWasm(page, 'view=custom');
    await page
      .getByTestId('custom-files')
      .setInputFiles([file(resolve(HF, 'config.json')), file(resolve(HF, 'preprocessor_config.json')), file(resolve(HF, 'onnx/model.onnx'))]);
    const draft = page.getByTestId('custom-draft');
    await expect(draft).toHaveAttribute('data-format', 'onnx');
    await expect(draft).toContainText('labels: config.json');
    await expect(page.getByTestId('custom-notes')).toContainText(
      'preprocessor_config.json: resize 224×224 · ×1/255 · mean 0.5,0.5,0.5 std 0.5,0.5,0.5 · RGB NCHW float32 = tf',
    );
    await expect(page.getByTestId('custom-notes')).toContainText('labels: 1000 from config.json id2label');
    await expect(page.getByTestId('custom-preprocessing')).toHaveValue('tf');
    await expect(page.getByTestId('custom-height')).toHaveValue('224');
    await expect(page.getByTestId('custom-classes')).toHaveValue('1000');
    await addAndClassify(page, 'ort');
    // A label from config.json, not a catalog list: the top prediction names the macaw as the Hub writes it.
    await expect(page.getByTestId('result').first().getByTestId('prediction').first()).toContainText('macaw');
  });

  test("a Hugging Face folder's dtype siblings are its weights: another is chosen, read again, and runs", async ({ page }) => {
    await openOnWasm(page, 'view=custom');
    // The shared folder has fp32 only: a copy named as the fp16 sibling stands in for one (its bytes are the fp32 model's).
    const model = readFileSync(resolve(HF, 'onnx/model.onnx'));
    await page
      .getByTestId('custom-files')
      .setInputFiles([
        file(resolve(HF, 'config.json')),
        file(resolve(HF, 'preprocessor_config.json')),
        file(resolve(HF, 'onnx/model.onnx')),
        { name: 'model_fp16.onnx', mimeType: 'application/octet-stream', buffer: model },
      ]);
    const weights = page.getByTestId('custom-dtype');
    await expect(weights).toHaveValue('fp32');
    await expect(weights.locator('option')).toHaveText([/^fp32 · model\.onnx/, /^fp16 · model_fp16\.onnx/]);
    await weights.selectOption('fp16');
    await expect(page.getByTestId('custom-draft')).toContainText('Read model_fp16.onnx');
    await expect(weights).toHaveValue('fp16');
    await addAndClassify(page, 'ort');
  });

  test('a PyTorch-style ONNX (NCHW, torchvision normalisation, 1000 logits): torch is its default, and it classifies right', async ({ page }) => {
    await openOnWasm(page, 'view=custom');
    const torchStyle = withTorchInput(new Uint8Array(readFileSync(resolve(HF, 'onnx/model.onnx'))));
    await page.getByTestId('custom-files').setInputFiles([{ name: 'resnet_like.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(torchStyle) }]);
    await expect(page.getByTestId('custom-notes')).toContainText('preprocessing torch: the default for an NCHW ONNX model (PyTorch)');
    await expect(page.getByTestId('custom-preprocessing')).toHaveValue('torch');
    // Read from the graph: its last computing op is not a Softmax. No labels dropped: ImageNet's names from an installed catalog model.
    await expect(page.getByTestId('custom-output')).toHaveValue('logits');
    await addAndClassify(page, 'ort');
  });

  test('a TFLite file with a labels file of its own: its names, on LiteRT', async ({ page }) => {
    await openOnWasm(page, 'view=custom');
    const names = readFileSync(resolve(TFLITE, 'labels.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line, i) => (i === 0 ? line : `my ${line.split(',')[0]?.trim()} (own list)`));
    await page
      .getByTestId('custom-files')
      .setInputFiles([
        file(resolve(TFLITE, 'model.tflite'), 'bird_model.tflite'),
        { name: 'my_labels.txt', mimeType: 'text/plain', buffer: Buffer.from(names.join('\n')) },
      ]);
    await expect(page.getByTestId('custom-draft')).toHaveAttribute('data-format', 'tflite');
    await expect(page.getByTestId('custom-draft')).toContainText('labels: my_labels.txt');
    await expect(page.getByTestId('custom-preprocessing')).toHaveValue('raw');
    await page.getByTestId('custom-classes').selectOption('1001');
    await addAndClassify(page, 'litert');
    await expect(page.getByTestId('result').first().getByTestId('prediction').first()).toContainText('my macaw (own list)');
  });

  test('a Hugging Face Hub id, resolved to resolve/main/ URLs, its dtype siblings from the model API (a local server laid out like the Hub)', async ({
    page,
  }) => {
    const repo = 'google/mobilenet_v2_1.0_224';
    // The shared folder has fp32 only: the fp16 sibling is answered with the fp32 file's bytes, as in the folder test.
    const files: Record<string, string> = {
      'config.json': resolve(HF, 'config.json'),
      'preprocessor_config.json': resolve(HF, 'preprocessor_config.json'),
      'onnx/model.onnx': resolve(HF, 'onnx/model.onnx'),
      'onnx/model_fp16.onnx': resolve(HF, 'onnx/model.onnx'),
    };
    const listing = JSON.stringify({ id: repo, siblings: Object.entries(files).map(([path, on]) => ({ rfilename: path, size: statSync(on).size })) });
    const headers = { 'access-control-allow-origin': '*' };
    const hub = await serveLocal(
      (url) => {
        const path = decodeURIComponent(url.pathname);
        if (path === `/api/models/${repo}`) return { body: listing, headers: { ...headers, 'content-type': 'application/json' } };
        const file = path.startsWith(`/${repo}/resolve/main/`) ? files[path.slice(`/${repo}/resolve/main/`.length)] : undefined;
        return file ? { file, headers } : null;
      },
      { record: (url) => decodeURIComponent(url.pathname) },
    );
    try {
      await openOnWasm(page, `view=custom&hub=${encodeURIComponent(hub.origin)}`);
      await page.getByTestId('custom-url').fill(repo);
      await page.getByTestId('custom-url-read').click();
      await expect(page.getByTestId('custom-draft')).toHaveAttribute('data-format', 'onnx');
      await expect(page.getByTestId('custom-notes')).toContainText('labels: 1000 from config.json id2label');
      await expect(page.getByTestId('custom-notes')).toContainText('= tf');
      await expect(page.getByTestId('custom-preprocessing')).toHaveValue('tf');
      const weights = page.getByTestId('custom-dtype');
      await expect(weights).toHaveValue('fp32');
      await expect(weights.locator('option')).toHaveText([/^fp32 · model\.onnx/, /^fp16 · model_fp16\.onnx/]);
      await weights.selectOption('fp16');
      await expect(page.getByTestId('custom-notes')).toContainText('weights: model_fp16.onnx of model.onnx, model_fp16.onnx');
      await expect(weights).toHaveValue('fp16');
      await addAndClassify(page, 'ort');
      await expect(page.getByTestId('result').first().getByTestId('prediction').first()).toContainText('macaw');
      expect(hub.requests).toEqual(
        expect.arrayContaining([
          `/api/models/${repo}`,
          `/${repo}/resolve/main/config.json`,
          `/${repo}/resolve/main/preprocessor_config.json`,
          `/${repo}/resolve/main/onnx/model_fp16.onnx`,
        ]),
      );
      expect(hub.requests).not.toContain(`/${repo}/resolve/main/onnx/model.onnx`); // only the weights chosen are downloaded
    } finally {
      await hub.close();
    }
  });
});
