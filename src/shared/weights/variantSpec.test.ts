import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCatalog, type CatalogModel } from '@/shared/models/catalog';
import { validateVariants } from './names';
import { findVariant, offeredWeights, recordedVariant, specWithWeights } from './variantSpec';

const committed: unknown = JSON.parse(readFileSync(new URL('../../../public/models/catalog.json', import.meta.url), 'utf8'));
const HASH = 'a'.repeat(64);
const catalogUrl = 'http://localhost/app/models/catalog.json';

function modelWithVariant(): CatalogModel {
  const model = structuredClone(validateCatalog(committed).models.find((m) => m.id === 'mobilenet_v2_100_224'));
  if (!model) throw new Error('mobilenet_v2_100_224 missing from the catalog');
  model.variants = [
    {
      weights: 'float16',
      files: [
        { path: 'model.json', size: 10, sha256: HASH },
        { path: 'group1-shard1of1.bin', size: 20, sha256: 'b'.repeat(64) },
      ],
      totalBytes: 7_000_000,
      top1: 0.846,
      top5: 0.962,
    },
  ];
  return model;
}

describe('catalog variants', () => {
  it('validates offered variants and names the field at fault', () => {
    const ok = validateVariants(
      [{ weights: 'uint8', files: [{ path: 'model.json', size: 1, sha256: HASH }], totalBytes: 5, top1: 0.5, top5: 0.7 }],
      'model "x"',
    );
    expect(ok[0]?.weights).toBe('uint8');
    expect(() => validateVariants([{ weights: 'int4', files: [], totalBytes: 1, top1: 0, top5: 0 }], 'model "x"')).toThrow(/weights/);
    expect(() =>
      validateVariants([{ weights: 'float16', files: [{ path: '../model.json', size: 1, sha256: HASH }], totalBytes: 1, top1: 0, top5: 0 }], 'm'),
    ).toThrow(/inside/);
    expect(() => validateVariants([{ weights: 'float16', files: [{ path: 'a.bin', size: 1, sha256: HASH }], totalBytes: 1, top1: 0, top5: 0 }], 'm')).toThrow(
      /model.json/,
    );
    expect(() =>
      validateVariants([{ weights: 'float16', files: [{ path: 'model.json', size: 1, sha256: HASH }], totalBytes: 1, top1: 84, top5: 0 }], 'm'),
    ).toThrow(/top1/);
  });

  it('keeps the committed catalog valid with its variants', () => {
    for (const m of validateCatalog(committed).models) for (const v of m.variants ?? []) expect(v.totalBytes).toBeGreaterThan(0);
  });
});

describe('specWithWeights', () => {
  it('loads a variant from its own folder, keyed apart, with its own hashes and the shared labels', () => {
    const model = modelWithVariant();
    const base = specWithWeights(model, catalogUrl, null);
    const spec = specWithWeights(model, catalogUrl, findVariant(model, 'float16'));
    expect(spec.modelUrl).toBe('http://localhost/app/models/mobilenet_v2_100_224/1.0.0/float16/model.json');
    expect(spec.labelsUrl).toBe(base.labelsUrl);
    expect(spec.key).not.toBe(base.key);
    expect(spec.key).toContain('float16');
    expect(spec.weights).toBe('float16');
    expect(spec.fileHashes).toEqual({
      [base.labelsUrl ?? '']: base.fileHashes?.[base.labelsUrl ?? ''],
      'http://localhost/app/models/mobilenet_v2_100_224/1.0.0/float16/model.json': HASH,
      'http://localhost/app/models/mobilenet_v2_100_224/1.0.0/float16/group1-shard1of1.bin': 'b'.repeat(64),
    });
    expect(base.weights).toBeUndefined();
  });

  it('offers float32 first, then each listed variant with its bytes; an unlisted one is not found', () => {
    const model = modelWithVariant();
    expect(offeredWeights(model).map((o) => [o.weights, o.bytes])).toEqual([
      ['float32', model.files.reduce((n, f) => n + f.size, 0)],
      ['float16', 7_000_000],
    ]);
    expect(findVariant(model, 'uint8')).toBeNull();
    expect(findVariant(model, 'float32')).toBeNull();
  });

  it('reads a written but unoffered variant from lumen-model.json, and rejects a bad record', () => {
    const meta = { variants: [{ weights: 'uint8', files: [{ path: 'model.json', size: 3, sha256: HASH }] }] };
    expect(recordedVariant(meta, 'uint8')?.files).toHaveLength(1);
    expect(recordedVariant(meta, 'float16')).toBeNull();
    expect(recordedVariant({ variants: [{ weights: 'uint8', files: [{ path: '../x', size: 3, sha256: HASH }] }] }, 'uint8')).toBeNull();
    expect(recordedVariant(null, 'uint8')).toBeNull();
  });
});
