import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainImage, type ExplainDecoder, type ExplainableModel } from './explain';
import { findGraphSplit } from './gradcamGraph';
import { splitLayersModel } from './gradcamLayers';
import { TINY_LABELS, tinyGraphModel, tinyLayersModel, twoColourSpec, twoSquares } from '@/testing/twoColourModels';
import type { ExplainMethod } from '@/features/explain/shared/messages';
import type { ImageInput } from '@/engine/shared/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The forward pass to probabilities (engine/worker/forward.ts does the same, but imports the worker's TF.js build). */
const forwardOf = (model: tf.LayersModel | tf.GraphModel) => async (batch: tf.Tensor4D) =>
  tf.tidy(() => (model instanceof tf.GraphModel ? model.execute(batch) : model.predict(batch)) as tf.Tensor2D);

/** A wide 64×32 "photo", red square left and blue right (or swapped), as a decoder would give it. */
const decodeSquares =
  (redOnLeft: boolean): ExplainDecoder =>
  async () => ({ pixels: twoSquares(64, 32, redOnLeft), width: 64, height: 32, close: () => undefined });
const image: ImageInput = { name: 'squares.png', kind: 'blob', blob: new Blob(['unused']) };

async function loadedLayers(): Promise<ExplainableModel> {
  const spec = twoColourSpec('layers');
  const model = tinyLayersModel(tf);
  return { spec, labels: TINY_LABELS, model, topology: null, forward: forwardOf(model) };
}

async function loadedGraph(): Promise<ExplainableModel> {
  const spec = twoColourSpec('graph');
  const { model, topology } = await tinyGraphModel(tf);
  return { spec, labels: TINY_LABELS, model, topology, forward: forwardOf(model) };
}

describe.each([
  ['layers', loadedLayers],
  ['graph', loadedGraph],
] as const)('explain on a tiny %s model', (_, load) => {
  let loaded: ExplainableModel;
  beforeAll(async () => {
    loaded = await load();
  });

  it.each<[ExplainMethod, boolean]>([
    ['gradcam', true],
    ['gradcam', false],
    ['occlusion', true],
    ['occlusion', false],
  ])('%s points at the red square (red on the left: %s), and leaks no tensor', async (method, redOnLeft) => {
    const before = tf.memory().numTensors;
    const red = await explainImage(tf, loaded, { image, classIndex: 0, label: TINY_LABELS[0] ?? '', method }, decodeSquares(redOnLeft));
    const blue = await explainImage(tf, loaded, { image, classIndex: 1, label: TINY_LABELS[1] ?? '', method }, decodeSquares(redOnLeft));
    expect(tf.memory().numTensors).toBe(before);
    expect(red.method).toBe(method);
    expect(red.gradcamProblem).toBeNull();
    expect(red.peak.x < 0.5).toBe(redOnLeft);
    expect(blue.peak.x < 0.5).toBe(!redOnLeft);
    // Within the square's rows (a uniform square is a plateau: the first maximum is its top-left).
    expect(red.peak.y).toBeGreaterThan(0.15);
    expect(red.peak.y).toBeLessThan(0.85);
    // At the image's aspect (64×32, longest side 64), values 0..1 with the peak at 1.
    expect([red.heatmap.width, red.heatmap.height]).toEqual([64, 32]);
    expect(Math.max(...red.heatmap.values)).toBeCloseTo(1);
    expect(Math.min(...red.heatmap.values)).toBeGreaterThanOrEqual(0);
    expect([red.imageWidth, red.imageHeight]).toEqual([64, 32]);
  });

  it('defaults to Grad-CAM, naming the split point', async () => {
    const result = await explainImage(tf, loaded, { image, classIndex: 1, label: TINY_LABELS[1] ?? '', method: 'auto' }, decodeSquares(true));
    expect(result.method).toBe('gradcam');
    expect(result.gradcamAt).toBe(loaded.model instanceof tf.LayersModel ? loaded.model.layers[0]?.name : 'relu');
  });

  it('refuses a class the model does not have', async () => {
    await expect(explainImage(tf, loaded, { image, classIndex: 7, label: 'x', method: 'auto' }, decodeSquares(true))).rejects.toThrow(/no class 7/);
  });
});

describe('Grad-CAM split points', () => {
  it('is the last spatial layer of a layers model, with the rest applied after it', () => {
    const split = splitLayersModel(tinyLayersModel(tf));
    if (typeof split === 'string') throw new Error(split);
    const out = tf.tidy(() => split.head(split.trunk(tf.ones([1, 16, 16, 3]))).arraySync());
    // ones → R−B = 0, B−R = 0 → pooled 0 → equal logits.
    expect(out).toEqual([[0.5, 0.5]]);
  });

  it('says why when a layers model has no spatial map', () => {
    const flat = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    expect(splitLayersModel(flat)).toMatch(/spatial/);
  });

  it('is the global pooling input of a graph model, or says why there is none', async () => {
    const { model, topology } = await tinyGraphModel(tf);
    expect(findGraphSplit(model, topology)).toEqual({ at: 'relu', output: 'probabilities' });
    expect(findGraphSplit(model, { node: topology.node.filter((n) => n.op !== 'Mean') })).toMatch(/no global pooling/);
  });
});
