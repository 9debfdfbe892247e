import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { inspectModel } from './inspect';
import { makeForward, type LoadedModel } from '@/engine/worker/models';
import type { ModelInfo, ModelSpec } from '@/engine/shared/types';
import { sharedModel } from '@/testing/shared';
import { describeShared } from '@/testing/sharedSuite';
import { tinySpec } from '@/testing/tinyModels';

const GRAPH_FOLDER = sharedModel('mobilenet_v1_025_224_graph');

const inspectSpec = (over: Partial<ModelSpec> = {}): ModelSpec => tinySpec({ inputSize: [8, 8], ...over });

/** conv 3×3×3→4, batch norm (4 trainable + 4 non-trainable pairs), global pool, dense 4→1000 logits. */
export function tinyConvModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, name: 'conv' }));
  model.add(tf.layers.batchNormalization({ name: 'bn' }));
  model.add(tf.layers.globalAveragePooling2d({ name: 'pool' }));
  model.add(tf.layers.dense({ units: 1000, kernelInitializer: 'randomNormal', name: 'logits' }));
  return model;
}

export function asLoaded(model: tf.LayersModel | tf.GraphModel, spec: ModelSpec, topology: unknown = null): LoadedModel {
  const info: ModelInfo = {
    key: spec.key,
    backend: 'cpu',
    loadMs: 12,
    warmupMs: 3,
    inputShape: [null, ...spec.inputSize, 3],
    outputShape: [null, spec.classes],
    parameters: 0,
    weightBytes: 0,
    fromCache: false,
    cacheProblem: null,
  };
  const labels = Array.from({ length: spec.classes }, (_, i) => `c${i}`);
  return { spec, labels, info, runtime: 'tfjs', model, topology, forward: makeForward(model, spec), dispose: () => model.dispose() };
}

/** The TF-Hub MobileNetV1 0.25 graph from ../shared, loaded from memory (Node has no http loader). */
export async function sharedGraphModel(): Promise<{ model: tf.GraphModel; topology: unknown } | null> {
  const folder = GRAPH_FOLDER;
  if (!existsSync(folder)) return null;
  const json = JSON.parse(readFileSync(resolve(folder, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(resolve(folder, p))));
  const weightData = Buffer.concat(buffers);
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  );
  return { model, topology: json.modelTopology };
}

// Top level, not beforeAll: the shared graph model below is loaded at collection time.
await tf.setBackend('cpu');

describe('inspectModel on a layers model', () => {
  it('counts trainable and non-trainable parameters, lists layers, and passes the forward check', async () => {
    const loaded = asLoaded(tinyConvModel(), inspectSpec());
    const before = tf.memory().numTensors;
    const report = await inspectModel(tf, loaded, true);
    expect(tf.memory().numTensors).toBe(before);
    // conv 3·3·3·4 + 4 = 112, bn gamma + beta = 8, dense 4·1000 + 1000 = 5000; bn moving mean + variance = 8
    expect(report.parameters).toEqual({ total: 5128, trainable: 5120, nonTrainable: 8 });
    expect(report.weightTensors).toBe(8);
    expect(report.structure).toMatchObject({ unit: 'layer', count: 4, constants: null });
    expect(report.structure.first.map((l) => [l.name, l.type, l.parameters])).toEqual([
      ['conv', 'Conv2D', 112],
      ['bn', 'BatchNormalization', 16],
      ['pool', 'GlobalAveragePooling2D', 0],
      ['logits', 'Dense', 5000],
    ]);
    expect(report.structure.first[0]?.outputShape).toEqual([null, 6, 6, 4]);
    expect(report.inputs).toEqual([{ name: expect.stringContaining('conv') as string, shape: [null, 8, 8, 3], dtype: 'float32' }]);
    expect(report.outputs[0]?.shape).toEqual([null, 1000]);
    expect(report.check).toMatchObject({ passed: true, outputShape: [1, 1000], labelCount: 1000, problems: [] });
    expect(Math.abs(report.check.probabilitySum - 1)).toBeLessThan(1e-3);
    expect(report.freshLoad).toBe(true);
    loaded.dispose();
  });

  it('fails the forward check when logits are taken for probabilities', async () => {
    const loaded = asLoaded(tinyConvModel(), inspectSpec({ output: 'softmax' }));
    const { check } = await inspectModel(tf, loaded, false);
    expect(check.passed).toBe(false);
    expect(check.problems.join(' ')).toMatch(/sum to .* not 1 ± 0.001|not probabilities/);
    loaded.dispose();
  });

  it('fails the forward check when the labels do not match the outputs', async () => {
    const loaded = { ...asLoaded(tinyConvModel(), inspectSpec()), labels: ['only', 'three', 'labels'] };
    const { check } = await inspectModel(tf, loaded, false);
    expect(check).toMatchObject({ passed: false, problems: ['1000 outputs but 3 labels'] });
    loaded.dispose();
  });
});

const graph = await sharedGraphModel();

describeShared('inspectModel on the real TF-Hub graph model', { paths: [GRAPH_FOLDER] }, () => {
  it('reads ops from the topology: histogram, Const weights apart, no trainable split', async () => {
    if (!graph) return;
    const spec = inspectSpec({ format: 'graph', inputSize: [224, 224], classes: 1001 });
    const loaded = asLoaded(graph.model, spec, graph.topology);
    const before = tf.memory().numTensors;
    const report = await inspectModel(tf, loaded, false);
    expect(tf.memory().numTensors).toBe(before);
    expect(report.structure).toMatchObject({ unit: 'op', count: 100, constants: 72 });
    expect(report.structure.histogram.slice(0, 3)).toEqual([
      { type: 'Add', count: 27 },
      { type: 'Relu6', count: 27 },
      { type: 'Conv2D', count: 15 },
    ]);
    expect(report.structure.last.at(-1)).toMatchObject({ type: 'Squeeze', outputShape: null });
    expect(report.parameters.trainable).toBeNull();
    // MobileNetV1 0.25 has about 0.47 M parameters (batch norm folded into the convolutions here)
    expect(report.parameters.total).toBeGreaterThan(400_000);
    expect(report.parameters.total).toBeLessThan(500_000);
    expect(report.inputs).toEqual([{ name: 'images', shape: [null, 224, 224, 3], dtype: 'float32' }]);
    expect(report.check).toMatchObject({ passed: true, outputShape: [1, 1001] });
    loaded.dispose();
  });
});
