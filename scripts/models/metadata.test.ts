import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../src/shared/models/catalog';
import { readShapes, shapeWarnings } from './metadata';

const model = (format: 'graph' | 'layers', classes: 1000 | 1001 = 1000): CatalogModel => ({
  id: 'm',
  name: 'M',
  architecture: 'A',
  version: '1',
  format,
  inputSize: [224, 224],
  preprocessing: 'tf',
  output: 'softmax',
  classes,
  labelOrder: 'keras',
  labels: 'labels.json',
  files: [],
  source: { kind: 'shared', folder: 'm' },
  license: 'MIT',
  description: '',
});

describe('readShapes', () => {
  it('reads a Keras model_config (snake_case) and its last Dense/Conv layer', () => {
    const json = {
      modelTopology: {
        model_config: {
          class_name: 'Model',
          config: {
            layers: [
              { class_name: 'InputLayer', config: { batch_input_shape: [null, 192, 192, 3] } },
              { class_name: 'Conv2D', config: { filters: 1000 } },
              { class_name: 'GlobalAveragePooling2D', config: {} },
            ],
          },
        },
      },
    };
    const shapes = readShapes(json, model('layers'));
    expect(shapes).toEqual({ inputShape: [null, 192, 192, 3], outputShape: [null, 1000], from: { input: 'model.json', output: 'model.json' } });
    expect(shapeWarnings(shapes, model('layers'))[0]).toMatch(/differs from catalog inputSize/);
  });

  it('reads a graph model signature, else the Placeholder, and the classifier weight', () => {
    const dims = [{ size: '-1' }, { size: '224' }, { size: '224' }, { size: '3' }];
    const weightsManifest = [
      {
        weights: [
          { name: 'w', shape: [1, 1, 256, 1001] },
          { name: 'b', shape: [1001] },
        ],
      },
    ];
    const viaSignature = { signature: { inputs: { 'x:0': { tensorShape: { dim: dims } } } }, modelTopology: {}, weightsManifest };
    const viaNode = { modelTopology: { node: [{ op: 'Placeholder', attr: { shape: { shape: { dim: dims } } } }] }, weightsManifest };
    for (const json of [viaSignature, viaNode]) {
      expect(readShapes(json, model('graph', 1001))).toMatchObject({ inputShape: [null, 224, 224, 3], outputShape: [null, 1001] });
    }
  });

  it('falls back to the catalog when model.json says nothing', () => {
    expect(readShapes({}, model('graph', 1001))).toEqual({
      inputShape: [null, 224, 224, 3],
      outputShape: [null, 1001],
      from: { input: 'catalog', output: 'catalog' },
    });
  });
});
