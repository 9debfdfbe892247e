import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCatalog, type Catalog } from './catalog';

const committed = JSON.parse(readFileSync(new URL('../../../public/models/catalog.json', import.meta.url), 'utf8')) as Catalog;
const clone = (): Catalog => structuredClone(committed);

describe('the committed catalog', () => {
  it('is valid, and its default is MobileNetV2', () => {
    const catalog = validateCatalog(committed);
    expect(catalog.defaultModel).toBe('mobilenet_v2_100_224');
  });

  it('lists the shared models under their folder names and ResNet50 as resnet50', () => {
    const ids = validateCatalog(committed).models.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining(['mobilenet_v2_100_224', 'mobilenet_v1_025_224_graph', 'mobilenet_v1_025_224_layers', 'darknet_tiny', 'resnet50']),
    );
  });

  it('gives each model the preprocessing its family was trained with', () => {
    const byId = new Map(validateCatalog(committed).models.map((m) => [m.id, m]));
    expect(byId.get('mobilenet_v2_100_224')?.preprocessing).toBe('tf');
    expect(byId.get('resnet50')?.preprocessing).toBe('caffe');
    expect(byId.get('mobilenet_v1_025_224_graph')?.preprocessing).toBe('unit');
    expect(byId.get('mobilenet_v1_025_224_graph')?.output).toBe('logits');
    expect(byId.get('mobilenet_v2_100_224')?.classes).toBe(1001);
  });

  it('holds no weights, only their hashes', () => {
    const text = JSON.stringify(committed);
    expect(text.length).toBeLessThan(64 * 1024);
    for (const m of validateCatalog(committed).models) for (const f of m.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hosted models', () => {
  const hostedEntry = () => ({
    ...structuredClone(committed.models[0]!),
    id: 'hosted_x',
    labels: 'https://example.test/labels.txt',
    source: { kind: 'hosted', modelUrl: 'https://tfhub.dev/google/imagenet/x/classification/1' },
  });

  it('the committed catalog lists online models (EfficientNet, Inception, MobileNetV3) with their input sizes', () => {
    const hosted = validateCatalog(committed).models.filter((m) => m.source.kind === 'hosted');
    const byId = new Map(hosted.map((m) => [m.id, m]));
    for (const id of ['efficientnet_b0_tfhub', 'inception_v3_tfhub', 'mobilenet_v3_large_100_224_tfhub', 'mobilenet_v1_025_224_tfhub'])
      expect(byId.has(id), id).toBe(true);
    expect(byId.get('inception_v3_tfhub')?.inputSize).toEqual([299, 299]);
    expect(byId.get('efficientnet_b0_tfhub')?.classes).toBe(1000);
    for (const m of hosted) {
      expect(m.files).toEqual([]);
      expect(m.preprocessing).toBe('unit'); // TF-Hub image models take RGB in [0, 1]
    }
  });
  it('need no files (their hashes are unknown), but files given are still checked', () => {
    const c = clone();
    const entry = hostedEntry() as unknown as Record<string, unknown>;
    delete entry['files'];
    c.models.push(entry as unknown as Catalog['models'][number]);
    expect(validateCatalog(c).models.at(-1)?.files).toEqual([]);
    (c.models.at(-1) as { files: unknown }).files = [{ path: 'model.json', size: 1, sha256: 'nope' }];
    expect(() => validateCatalog(c)).toThrow(/model "hosted_x".*sha256 must be 64 lowercase hex digits/);
  });
  it('must have an http(s) modelUrl', () => {
    const c = clone();
    c.models.push({ ...hostedEntry(), source: { kind: 'hosted', modelUrl: 'file:///etc/model.json' } } as unknown as Catalog['models'][number]);
    expect(() => validateCatalog(c)).toThrow(/model "hosted_x": hosted "modelUrl" must be http\(s\)/);
  });
  it('installed models still need their files', () => {
    const c = clone();
    c.models[0]!.files = [];
    expect(() => validateCatalog(c)).toThrow(/"files" must be a non-empty array/);
  });
});

describe('validateCatalog rejects bad entries with a message naming the model and field', () => {
  it('unknown preprocessing mode', () => {
    const c = clone();
    (c.models[0] as { preprocessing: string }).preprocessing = 'imagenet';
    expect(() => validateCatalog(c)).toThrow(/model "mobilenet_v2_100_224": "preprocessing" must be one of tf, caffe, torch, unit, raw/);
  });
  it('duplicate ids', () => {
    const c = clone();
    c.models.push(structuredClone(c.models[0]!));
    expect(() => validateCatalog(c)).toThrow(/duplicate id/);
  });
  it('a file path escaping the model folder', () => {
    const c = clone();
    c.models[0]!.files[0]!.path = '../../etc/passwd';
    expect(() => validateCatalog(c)).toThrow(/must stay inside the model folder/);
  });
  it('a malformed hash', () => {
    const c = clone();
    c.models[1]!.files[0]!.sha256 = 'abc';
    expect(() => validateCatalog(c)).toThrow(/sha256 must be 64 lowercase hex digits/);
  });
  it('a default model that is not listed', () => {
    const c = clone();
    c.defaultModel = 'nope';
    expect(() => validateCatalog(c)).toThrow(/defaultModel "nope" is not in the catalog/);
  });
  it('a non-Keras label order without a full permutation map', () => {
    const c = clone();
    const darknet = c.models.find((m) => m.id === 'darknet_tiny')!;
    darknet.kerasIndex = darknet.kerasIndex!.slice(0, 999);
    expect(() => validateCatalog(c)).toThrow(/needs "kerasIndex": a permutation of 0..999/);
  });
  it('a missing model.json', () => {
    const c = clone();
    c.models[0]!.files = c.models[0]!.files.filter((f) => f.path !== 'model.json');
    expect(() => validateCatalog(c)).toThrow(/"files" must include model.json/);
  });
});
