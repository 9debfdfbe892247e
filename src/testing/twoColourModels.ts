/**
 * Tiny real TF.js models for the explain and teach tests, one layers and one graph, whose evidence is known:
 * feature channel 0 lights up on red pixels and feeds class 0, channel 1 on blue ones and class 1.
 * Inputs are 16 × 16 with 'tf' preprocessing ([-1, 1]), so the occlusion grey is 0 and lights nothing.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ModelSpec } from '@/engine/shared/types';
import { tinySpec } from './tinyModels';

type TF = typeof tfTypes;

export const TINY_SIZE = 16;
export const TINY_LABELS = ['red thing', 'blue thing'];

export function twoColourSpec(format: 'layers' | 'graph'): ModelSpec {
  return tinySpec({
    id: `tiny-${format}`,
    name: `Tiny ${format}`,
    format,
    modelUrl: 'http://localhost/tiny/model.json',
    inputSize: [TINY_SIZE, TINY_SIZE],
    preprocessing: 'tf',
    output: 'softmax',
  });
}

/** 1×1 conv: channel 0 = R − B, channel 1 = B − R (ReLU'd). */
const CONV = [1, -1, 0, 0, -1, 1];
/** Pooled features → 2 classes, not so steep that the softmax saturates. */
const DENSE = [2, 0, 0, 2];

export function tinyLayersModel(tf: TF): tfTypes.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [TINY_SIZE, TINY_SIZE, 3], filters: 2, kernelSize: 1, activation: 'relu', useBias: false }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', useBias: false }));
  model.setWeights([tf.tensor4d(CONV, [1, 1, 3, 2]), tf.tensor2d(DENSE, [2, 2])]);
  return model;
}

const ints = (values: number[]) => ({ list: { i: values.map(String) } });
const text = (value: string) => ({ s: btoa(value) });
const floatConst = (name: string, dims: number[]) => ({
  name,
  op: 'Const',
  attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: dims.map((d) => ({ size: String(d) })) } } } },
});

/** The same network as a TF graph (Conv2D → Relu → Mean → MatMul → Softmax), as the converter writes it. */
export async function tinyGraphModel(tf: TF): Promise<{ model: tfTypes.GraphModel; topology: { node: { name: string; op: string }[] } }> {
  const modelTopology = {
    node: [
      {
        name: 'input',
        op: 'Placeholder',
        attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [-1, TINY_SIZE, TINY_SIZE, 3].map((d) => ({ size: String(d) })) } } },
      },
      floatConst('conv/w', [1, 1, 3, 2]),
      {
        name: 'conv',
        op: 'Conv2D',
        input: ['input', 'conv/w'],
        attr: { T: { type: 'DT_FLOAT' }, strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: text('SAME'), data_format: text('NHWC') },
      },
      { name: 'relu', op: 'Relu', input: ['conv'], attr: { T: { type: 'DT_FLOAT' } } },
      {
        name: 'pool/axes',
        op: 'Const',
        attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: { dim: [{ size: '2' }] } } } },
      },
      { name: 'pool', op: 'Mean', input: ['relu', 'pool/axes'], attr: { T: { type: 'DT_FLOAT' }, keep_dims: { b: false } } },
      floatConst('dense/w', [2, 2]),
      { name: 'logits', op: 'MatMul', input: ['pool', 'dense/w'], attr: { T: { type: 'DT_FLOAT' }, transpose_a: { b: false }, transpose_b: { b: false } } },
      { name: 'probabilities', op: 'Softmax', input: ['logits'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    versions: { producer: 1 },
  };
  const weightSpecs: tfTypes.io.WeightsManifestEntry[] = [
    { name: 'conv/w', shape: [1, 1, 3, 2], dtype: 'float32' },
    { name: 'pool/axes', shape: [2], dtype: 'int32' },
    { name: 'dense/w', shape: [2, 2], dtype: 'float32' },
  ];
  const bytes = new Uint8Array(4 * (6 + 2 + 4));
  new Float32Array(bytes.buffer, 0, 6).set(CONV);
  new Int32Array(bytes.buffer, 24, 2).set([1, 2]);
  new Float32Array(bytes.buffer, 32, 4).set(DENSE);
  const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData: bytes.buffer }));
  return { model, topology: modelTopology };
}

/** RGBA pixels: a red square in one half and a blue one in the other, on black. */
export function twoSquares(width: number, height: number, redOnLeft: boolean): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height * 4);
  const side = Math.floor(Math.min(width / 2, height) * 0.6);
  const top = Math.floor((height - side) / 2);
  const square = (left: number, rgb: [number, number, number]): void => {
    for (let y = top; y < top + side; y += 1) for (let x = left; x < left + side; x += 1) data.set([...rgb, 255], (y * width + x) * 4);
  };
  const leftStart = Math.floor((width / 2 - side) / 2);
  square(leftStart, redOnLeft ? [255, 0, 0] : [0, 0, 255]);
  square(Math.floor(width / 2) + leftStart, redOnLeft ? [0, 0, 255] : [255, 0, 0]);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}
