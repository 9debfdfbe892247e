/** A model spec and labels for classifyImages tests that use a fake decoder and inference (no TF.js). */
import type { ModelSpec } from '@/engine/shared/types';

export const fakeSpec: ModelSpec = {
  key: 'fake@1',
  id: 'fake',
  name: 'Fake',
  format: 'graph',
  modelUrl: 'http://localhost/fake/model.json',
  labelsUrl: null,
  inputSize: [4, 4],
  preprocessing: 'unit',
  output: 'softmax',
  classes: 1000,
  labelOrder: 'keras',
  kerasIndex: null,
};

export const fakeLabels = Array.from({ length: 1000 }, (_, i) => `class ${i}`);
