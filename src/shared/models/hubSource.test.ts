import { describe, expect, it } from 'vitest';
import { hubModel, runtimeFileUrl } from './hubSource';

const id2label = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [String(i), `bird ${i}`]));
const preprocessor = {
  do_resize: true,
  size: { height: 260, width: 260 },
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [0.485, 0.456, 0.406],
  image_std: [0.229, 0.224, 0.225],
};

describe('Your model by Hub id or runtime file URL', () => {
  it("resolves a Hub id to its resolve/main files, with the repository's labels and preprocessing", async () => {
    const asked: string[] = [];
    const files: Record<string, unknown> = {
      'config.json': { id2label },
      'preprocessor_config.json': preprocessor,
      'birds?blobs=true': { siblings: [{ rfilename: 'config.json' }, { rfilename: 'onnx/model.onnx', size: 14e6 }] },
    };
    const model = await hubModel('org/birds', async (url) => {
      asked.push(url);
      return files[url.split('/').at(-1) ?? ''];
    });
    expect(asked).toEqual([
      'https://huggingface.co/org/birds/resolve/main/config.json',
      'https://huggingface.co/org/birds/resolve/main/preprocessor_config.json',
      'https://huggingface.co/api/models/org/birds?blobs=true',
    ]);
    expect(model.siblings).toBeUndefined(); // one ONNX file: nothing to choose
    expect(model).toMatchObject({
      format: 'onnx',
      modelUrl: 'https://huggingface.co/org/birds/resolve/main/onnx/model.onnx',
      labelsUrl: 'https://huggingface.co/org/birds/resolve/main/config.json',
      preprocessing: 'torch',
      preprocessingFrom: 'file',
      facts: { classes: 3, classesFrom: 'model', outputKind: 'logits', inputShape: [null, 3, 260, 260], inputLayout: 'nchw' },
    });
  });

  it('names a Hub repository without labels, and assumes torch when preprocessor_config.json is missing', async () => {
    await expect(hubModel('org/nolabels', async () => ({}))).rejects.toThrow(/^org\/nolabels: config.json has neither id2label nor label2id/);
    const model = await hubModel('org/birds', async (url) => {
      if (url.endsWith('config.json') && !url.endsWith('preprocessor_config.json')) return { id2label };
      throw new Error(`${url} answered HTTP 404`);
    });
    expect(model).toMatchObject({ preprocessing: 'torch', preprocessingFrom: 'default' });
    expect(model.notes.join('\n')).toMatch(/preprocessor_config.json: not read \(.*HTTP 404\); torch normalisation assumed/);
  });

  it('takes .onnx and .tflite URLs, and leaves model.json URLs to the TF.js path', () => {
    expect(runtimeFileUrl('https://models.example/a/resnet.onnx', 'https://app.example/')).toMatchObject({ format: 'onnx', preprocessing: 'torch' });
    expect(runtimeFileUrl('./birds.tflite', 'https://app.example/sub/')).toMatchObject({
      format: 'tflite',
      modelUrl: 'https://app.example/sub/birds.tflite',
      preprocessing: 'raw',
    });
    expect(runtimeFileUrl('https://models.example/model.json', 'https://app.example/')).toBeNull();
  });
});

describe('a Hub model with a centre crop', () => {
  it("carries preprocessor_config.json's shortest-edge resize and crop to the spec (ConvNeXt's crop_pct)", async () => {
    const cropping = { ...preprocessor, size: { shortest_edge: 224 }, crop_pct: 0.875 };
    const files: Record<string, unknown> = { 'config.json': { id2label }, 'preprocessor_config.json': cropping };
    const model = await hubModel('org/birds', async (url) => files[url.split('/').at(-1) ?? '']);
    // 224 / 0.875 = 256: the shorter side to 256, then the centre 224×224, offset by Hugging Face's floor.
    expect(model.centerCrop).toEqual({ shortestEdge: 256, offset: 'floor' });
    expect(model.facts.inputShape).toEqual([null, 3, 224, 224]);
    const straight = await hubModel(
      'org/birds',
      async (url) => ({ 'config.json': { id2label }, 'preprocessor_config.json': preprocessor })[url.split('/').at(-1) ?? ''],
    );
    expect(straight.centerCrop).toBeNull();
  });
});

describe("a Hub repository's dtype siblings", () => {
  const listing = {
    siblings: [
      { rfilename: 'config.json', size: 70_000 },
      { rfilename: 'onnx/model.onnx', size: 14_000_000 },
      { rfilename: 'onnx/model_fp16.onnx', size: 7_000_000 },
      { rfilename: 'onnx/model_quantized.onnx', size: 3_600_000 },
      { size: 1 },
    ],
  };
  const fetchJson = async (url: string): Promise<unknown> =>
    url.includes('/api/models/') ? listing : url.endsWith('preprocessor_config.json') ? preprocessor : { id2label };

  it('offers each onnx/model*.onnx with its size, reads fp32 first, and another when asked', async () => {
    const first = await hubModel('org/birds', fetchJson);
    expect(first.modelUrl).toBe('https://huggingface.co/org/birds/resolve/main/onnx/model.onnx');
    expect(first.dtype).toBe('fp32');
    expect(first.siblings).toEqual([
      { dtype: 'fp32', name: 'model.onnx', bytes: 14_000_000 },
      { dtype: 'fp16', name: 'model_fp16.onnx', bytes: 7_000_000 },
      { dtype: 'q8', name: 'model_quantized.onnx', bytes: 3_600_000 },
    ]);
    const quantized = await hubModel('org/birds', fetchJson, undefined, 'q8');
    expect(quantized.modelUrl).toBe('https://huggingface.co/org/birds/resolve/main/onnx/model_quantized.onnx');
    expect(quantized.notes.join('\n')).toContain('weights: model_quantized.onnx of model.onnx, model_fp16.onnx, model_quantized.onnx');
  });

  it('falls back to onnx/model.onnx when the file list cannot be read, and refuses a repository without ONNX files', async () => {
    const unlisted = await hubModel('org/birds', async (url) => {
      if (url.includes('/api/models/')) throw new Error(`${url} answered HTTP 401`);
      return fetchJson(url);
    });
    expect(unlisted.modelUrl).toBe('https://huggingface.co/org/birds/resolve/main/onnx/model.onnx');
    expect(unlisted.notes.join('\n')).toMatch(/file list not read \(.*HTTP 401\): onnx\/model.onnx assumed/);
    await expect(
      hubModel('org/pytorch-only', async (url) => (url.includes('/api/models/') ? { siblings: [{ rfilename: 'pytorch_model.bin' }] } : fetchJson(url))),
    ).rejects.toThrow(/no onnx\/model\*\.onnx/);
  });
});
