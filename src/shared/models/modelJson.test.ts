import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModelJson, classifierProblems, missingShards } from './modelJson';
import { SHARED_MODELS, sharedModel } from '@/testing/shared';
import { describeShared } from '@/testing/sharedSuite';

const read = (folder: string): unknown => JSON.parse(readFileSync(resolve(sharedModel(folder), 'model.json'), 'utf8'));

/** A minimal Keras model.json: input → global pooling → Dense(units, activation). */
function tinyLayers(units: number, activation: string, inputShape: (number | null)[] = [null, 8, 8, 3]) {
  return {
    modelTopology: {
      keras_version: '2.1.6',
      model_config: {
        class_name: 'Model',
        config: {
          layers: [
            { class_name: 'InputLayer', config: { name: 'pixels', batch_input_shape: inputShape, dtype: 'float32' } },
            { class_name: 'GlobalAveragePooling2D', config: { name: 'pool' } },
            { class_name: 'Dense', config: { name: 'head', units, activation } },
          ],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['w.bin'],
        weights: [
          { name: 'head/kernel', shape: [3, units], dtype: 'float32' },
          { name: 'head/bias', shape: [units], dtype: 'float32' },
        ],
      },
    ],
  };
}

describeShared('analyzeModelJson on the real models in ../shared', { paths: [SHARED_MODELS] }, () => {
  it('old-converter graph model (no format key, no signature): Placeholder input, logits, classes guessed', () => {
    const facts = analyzeModelJson(read('mobilenet_v1_025_224_graph'));
    expect(facts).toMatchObject({
      format: 'graph',
      inputName: 'images',
      inputShape: [null, 224, 224, 3],
      outputKind: 'logits',
      classes: 1001,
      classesFrom: 'guess',
    });
    expect(facts.weightFiles).toEqual(['group1-shard1of1']);
    expect(facts.weightBytes).toBeGreaterThan(1_800_000);
    expect(classifierProblems(facts)).toEqual([]);
  });

  it('graph model with signature: input from it, softmax found behind the Identity output', () => {
    const facts = analyzeModelJson(read('mobilenet_v2_100_224'));
    expect(facts).toMatchObject({ format: 'graph', inputName: 'input', inputShape: [null, 224, 224, 3], outputKind: 'softmax' });
    expect(facts.weightFiles).toHaveLength(4);
  });

  it('Keras layers model: input layer shape, 1000 units stated, softmax activation', () => {
    const facts = analyzeModelJson(read('mobilenet_v1_025_224_layers'));
    expect(facts).toMatchObject({
      format: 'layers',
      inputName: 'input_1',
      inputShape: [null, 224, 224, 3],
      classes: 1000,
      classesFrom: 'model',
      outputKind: 'softmax',
    });
    expect(facts.weightFiles).toHaveLength(55);
  });

  it('Darknet: a linear conv then global pooling reads as logits', () => {
    expect(analyzeModelJson(read('darknet_tiny'))).toMatchObject({ format: 'layers', classes: 1000, outputKind: 'logits' });
  });
});

describe('analyzeModelJson and its checks', () => {
  it('refuses JSON that is not a TF.js model', () => {
    expect(() => analyzeModelJson({ hello: 1 })).toThrow(/not a TF.js model.json/);
    expect(() => analyzeModelJson([1, 2])).toThrow(/not a TF.js model.json/);
  });

  it('takes any class count of two or more (a model of its own classes), and flags one output', () => {
    const facts = analyzeModelJson(tinyLayers(10, 'softmax'));
    expect(facts).toMatchObject({ classes: 10, outputKind: 'softmax', weightBytes: (30 + 10) * 4 });
    expect(classifierProblems(facts)).toEqual([]);
    expect(classifierProblems(analyzeModelJson(tinyLayers(1, 'softmax')))).toEqual([
      'its output is [N, 1], not one score per class (a classifier has at least 2)',
    ]);
  });

  it('flags an input that is not [N, h, w, 3]', () => {
    expect(classifierProblems(analyzeModelJson(tinyLayers(1000, 'linear', [null, 28, 28, 1])))).toEqual([
      'its input is [N, 28, 28, 1], but an image classifier takes [N, height, width, 3]',
    ]);
    expect(classifierProblems(analyzeModelJson(tinyLayers(1000, 'linear', [null, 784])))).toHaveLength(1);
  });

  it('a linear Dense head is logits; an unknown activation is left to the user', () => {
    expect(analyzeModelJson(tinyLayers(1000, 'linear')).outputKind).toBe('logits');
    expect(analyzeModelJson(tinyLayers(1000, 'sigmoid')).outputKind).toBeNull();
  });

  it('names the shards model.json needs that were not supplied', () => {
    const facts = { ...analyzeModelJson(tinyLayers(1000, 'linear')), weightFiles: ['group1-shard1of2', 'group1-shard2of2'] };
    expect(missingShards(facts, ['model.json', 'group1-shard1of2'])).toEqual(['group1-shard2of2']);
    expect(missingShards(facts, ['group1-shard2of2', 'group1-shard1of2'])).toEqual([]);
  });
});
