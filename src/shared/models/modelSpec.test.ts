import { describe, expect, it } from 'vitest';
import type { CatalogModel } from './catalog';
import { resolveHostedModelUrl, specFromCatalog } from './modelSpec';

const base: CatalogModel = {
  id: 'm',
  name: 'M',
  architecture: 'A',
  version: '1.0.0',
  format: 'graph',
  inputSize: [224, 224],
  preprocessing: 'unit',
  output: 'logits',
  classes: 1001,
  labelOrder: 'keras',
  labels: 'labels.json',
  files: [],
  source: { kind: 'shared', folder: 'm' },
  license: 'MIT',
  description: '',
};
const CATALOG = 'https://app.example/sub/models/catalog.json';

describe('resolveHostedModelUrl', () => {
  it('turns a TF-Hub handle into its model.json, as fromTFHub does', () => {
    expect(resolveHostedModelUrl('https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1')).toBe(
      'https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1/model.json?tfjs-format=file',
    );
    expect(resolveHostedModelUrl('https://tfhub.dev/google/tfjs-model/x/classification/5/default/1/')).toBe(
      'https://tfhub.dev/google/tfjs-model/x/classification/5/default/1/model.json?tfjs-format=file',
    );
  });
  it('keeps a URL that already names a .json file', () => {
    const url = 'https://storage.googleapis.com/tfjs-models/savedmodel/x/model.json';
    expect(resolveHostedModelUrl(url)).toBe(url);
  });
});

describe('specFromCatalog', () => {
  it('installed models load from <catalog folder>/<id>/<version>/', () => {
    const spec = specFromCatalog(base, CATALOG);
    expect(spec.modelUrl).toBe('https://app.example/sub/models/m/1.0.0/model.json');
    expect(spec.labelsUrl).toBe('https://app.example/sub/models/m/1.0.0/labels.json');
    expect(spec.key).toBe('m@1.0.0');
  });
  it('hosted models load from their URL; absolute labels stay, relative ones sit next to model.json', () => {
    const hosted: CatalogModel = {
      ...base,
      source: { kind: 'hosted', modelUrl: 'https://tfhub.dev/g/x/1' },
      labels: 'https://labels.example/ImageNetLabels.txt',
    };
    const spec = specFromCatalog(hosted, CATALOG);
    expect(spec.modelUrl).toBe('https://tfhub.dev/g/x/1/model.json?tfjs-format=file');
    expect(spec.labelsUrl).toBe('https://labels.example/ImageNetLabels.txt');
    expect(specFromCatalog({ ...hosted, labels: 'labels.json' }, CATALOG).labelsUrl).toBe('https://tfhub.dev/g/x/1/labels.json');
    expect(spec).toMatchObject({ preprocessing: 'unit', output: 'logits', classes: 1001, inputSize: [224, 224], format: 'graph' });
  });
});

describe('fileHashes', () => {
  const sha = (c: string): string => c.repeat(64);
  it('keys every catalog file by the absolute URL the worker fetches', () => {
    const model: CatalogModel = {
      ...base,
      files: [
        { path: 'model.json', size: 1, sha256: sha('a') },
        { path: 'group1-shard1of1.bin', size: 1, sha256: sha('b') },
      ],
    };
    expect(specFromCatalog(model, CATALOG).fileHashes).toEqual({
      'https://app.example/sub/models/m/1.0.0/model.json': sha('a'),
      'https://app.example/sub/models/m/1.0.0/group1-shard1of1.bin': sha('b'),
    });
  });
  it("hosted files carry model.json's query string, as TF.js requests shards with it", () => {
    const hosted: CatalogModel = {
      ...base,
      source: { kind: 'hosted', modelUrl: 'https://tfhub.dev/g/x/1' },
      files: [
        { path: 'model.json', size: 1, sha256: sha('c') },
        { path: 'group1-shard1of1.bin', size: 1, sha256: sha('d') },
      ],
    };
    expect(specFromCatalog(hosted, CATALOG).fileHashes).toEqual({
      'https://tfhub.dev/g/x/1/model.json?tfjs-format=file': sha('c'),
      'https://tfhub.dev/g/x/1/group1-shard1of1.bin?tfjs-format=file': sha('d'),
    });
  });
  it('a model without listed files has no hashes (nothing to check)', () => {
    expect(specFromCatalog(base, CATALOG).fileHashes).toBeUndefined();
  });

  it('an ONNX model in the Hugging Face layout loads onnx/model.onnx, with every file hashed relative to its folder', () => {
    const files = ['config.json', 'preprocessor_config.json', 'onnx/model.onnx'].map((path, i) => ({ path, size: 1, sha256: String(i).repeat(64) }));
    const hf: CatalogModel = { ...base, format: 'onnx', modelFile: 'onnx/model.onnx', labels: 'config.json', files };
    const spec = specFromCatalog(hf, CATALOG);
    const folder = new URL('m/1.0.0/', CATALOG).href;
    expect(spec.format).toBe('onnx');
    expect(spec.modelUrl).toBe(`${folder}onnx/model.onnx`);
    expect(spec.labelsUrl).toBe(`${folder}config.json`);
    expect(Object.keys(spec.fileHashes ?? {}).sort()).toEqual([`${folder}config.json`, `${folder}onnx/model.onnx`, `${folder}preprocessor_config.json`]);
  });

  it('an ONNX or TFLite model without modelFile loads model.onnx or model.tflite', () => {
    expect(specFromCatalog({ ...base, format: 'onnx' }, CATALOG).modelUrl).toMatch(/\/m\/1\.0\.0\/model\.onnx$/);
    expect(specFromCatalog({ ...base, format: 'tflite' }, CATALOG).modelUrl).toMatch(/\/m\/1\.0\.0\/model\.tflite$/);
  });
});
