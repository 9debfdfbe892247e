/** A model spec and labels for classifyImages tests that use a fake decoder and inference (no TF.js). */
import type { ModelSpec } from '@/engine/shared/types';
import { tinyLabels, tinySpec } from '@/testing/tinyModels';

export const fakeSpec: ModelSpec = tinySpec({ id: 'fake', name: 'Fake', format: 'graph', output: 'softmax' });

export const fakeLabels = tinyLabels();
