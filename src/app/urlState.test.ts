import { describe, expect, it } from 'vitest';
import { readUrlState, withParam } from './urlState';
import { specFromCatalog } from '@/shared/models/modelSpec';
import type { CatalogModel } from '@/shared/models/catalog';

describe('URL state', () => {
  it('reads model and backend', () => {
    expect(readUrlState('?model=resnet50&backend=webgl')).toEqual({
      model: 'resnet50',
      backend: 'webgl',
      invalidBackend: null,
      weights: null,
      invalidWeights: null,
      runtime: null,
      invalidRuntime: null,
    });
  });
  it('reads ?runtime= and flags an unknown one', () => {
    expect(readUrlState('?runtime=ort')).toMatchObject({ runtime: 'ort', invalidRuntime: null });
    expect(readUrlState('?runtime=pytorch')).toMatchObject({ runtime: null, invalidRuntime: 'pytorch' });
  });
  it('flags an unknown backend instead of silently using it', () => {
    expect(readUrlState('?backend=cuda')).toMatchObject({ model: null, backend: null, invalidBackend: 'cuda', weights: null, invalidWeights: null });
  });
  it('reads ?weights= and flags an unknown one', () => {
    expect(readUrlState('?weights=float16').weights).toBe('float16');
    expect(readUrlState('?weights=int4')).toMatchObject({ weights: null, invalidWeights: 'int4' });
    expect(withParam('?model=a', 'weights', 'uint8')).toBe('?model=a&weights=uint8');
  });
  it('sets and removes one parameter, keeping the others', () => {
    expect(withParam('?model=a&x=1', 'backend', 'wasm')).toBe('?model=a&x=1&backend=wasm');
    expect(withParam('?backend=wasm', 'backend', null)).toBe('');
  });
});

describe('specFromCatalog', () => {
  it('resolves files under <id>/<version>/ relative to the catalog, so any sub-path works', () => {
    const model = {
      id: 'm',
      version: '2.0.0',
      format: 'graph',
      labels: 'labels.json',
      inputSize: [224, 224],
      source: { kind: 'shared', folder: 'm' },
    } as CatalogModel;
    const spec = specFromCatalog(model, 'https://cdn.example/app/v3/models/catalog.json');
    expect(spec.modelUrl).toBe('https://cdn.example/app/v3/models/m/2.0.0/model.json');
    expect(spec.labelsUrl).toBe('https://cdn.example/app/v3/models/m/2.0.0/labels.json');
    expect(spec.key).toBe('m@2.0.0');
    expect(spec.kerasIndex).toBeNull();
  });
});
