/**
 * The model inspector's facts, computed where the model lives: signatures, parameter counts,
 * structure (layers or graph ops) with a type histogram, and a dummy forward pass checked the way a
 * real answer must be (one probability row per image, as many as there are labels, summing to 1).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { LoadedModel } from '@/engine/worker/models';
import { normalize } from '@/engine/worker/preprocess';
import { readBack } from '@/engine/worker/readBack';
import { graphNodes } from '@/shared/models/modelJson';
import { headAndTail, shapeSize, typeHistogram } from '@/features/inspect/shared/histogram';
import type { ForwardCheck, ModelReport, ModelStructure, NodeSummary, ParameterCounts, TensorSignature } from '@/features/inspect/shared/messages';

type TF = typeof tfTypes;

/** How many layers or ops to list at each end of the model. */
const ENDS = 5;
/** Probabilities must sum to 1 within this. */
export const SUM_TOLERANCE = 1e-3;

interface TensorLike {
  name: string;
  shape?: readonly (number | null)[] | undefined;
  dtype?: string | undefined;
}

function signature(tensors: readonly TensorLike[], fallbackShape: (number | null)[]): TensorSignature[] {
  return tensors.map((t) => ({
    name: t.name.replace(/:\d+$/, ''),
    shape: t.shape ? t.shape.map((d) => (d === null || d < 0 ? null : d)) : fallbackShape,
    dtype: t.dtype ?? 'float32',
  }));
}

function runtimeSignature(tensors: NonNullable<LoadedModel['info']['signature']>['inputs']): TensorSignature[] {
  return tensors.map((t) => ({ name: t.name, shape: t.shape.map((d) => (typeof d === 'number' ? d : null)), dtype: t.dtype }));
}

function layerOutputShape(layer: tfTypes.layers.Layer): (number | null)[] | null {
  try {
    const shape = layer.outputShape;
    const first = Array.isArray(shape[0]) ? (shape[0] as (number | null)[]) : (shape as (number | null)[]);
    return [...first];
  } catch {
    return null; // a layer never called has no output shape
  }
}

type Structure = { structure: ModelStructure; parameters: ParameterCounts; weightTensors: number };

/** ONNX and TFLite models: the graph as the runtime module read it from the file (runtimes/runtime.ts). */
function runtimeStructureOf(loaded: LoadedModel): Structure {
  // Exporters often leave nodes unnamed: such a node is named by its place in the graph.
  const nodes: NodeSummary[] = (loaded.session?.graph?.nodes ?? []).map((n, i) => ({
    name: n.name || `#${i + 1}`,
    type: n.type,
    outputShape: null,
    parameters: null,
  }));
  const total = loaded.session?.graph?.parameters ?? 0;
  return {
    structure: { unit: 'op', count: nodes.length, histogram: typeHistogram(nodes.map((n) => n.type)), ...headAndTail(nodes, ENDS), constants: null },
    parameters: { total, trainable: null, nonTrainable: null },
    weightTensors: 0,
  };
}

function structureOf(tf: TF, loaded: LoadedModel): Structure {
  const { model } = loaded;
  if (!model) return runtimeStructureOf(loaded);
  if (model instanceof tf.LayersModel) {
    const layers: NodeSummary[] = model.layers.map((layer) => ({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: layerOutputShape(layer),
      parameters: layer.countParams(),
    }));
    const trainable = model.trainableWeights.reduce((sum, w) => sum + shapeSize(w.shape as number[]), 0);
    const nonTrainable = model.nonTrainableWeights.reduce((sum, w) => sum + shapeSize(w.shape as number[]), 0);
    return {
      structure: { unit: 'layer', count: layers.length, histogram: typeHistogram(layers.map((l) => l.type)), ...headAndTail(layers, ENDS), constants: null },
      parameters: { total: trainable + nonTrainable, trainable, nonTrainable },
      weightTensors: model.weights.length,
    };
  }
  // Graph models: weights are frozen Const nodes, so "trainable" has no meaning here.
  const nodes = graphNodes(loaded.topology);
  const ops = nodes.filter((n) => n.op !== 'Const' && n.op !== 'Placeholder');
  const summaries: NodeSummary[] = ops.map((n) => ({ name: n.name, type: n.op, outputShape: null, parameters: null }));
  const weights = Object.values(model.weights).flat();
  return {
    structure: {
      unit: 'op',
      count: ops.length,
      histogram: typeHistogram(ops.map((n) => n.op)),
      ...headAndTail(summaries, ENDS),
      constants: nodes.length - ops.length - nodes.filter((n) => n.op === 'Placeholder').length,
    },
    parameters: { total: weights.reduce((sum, t) => sum + t.size, 0), trainable: null, nonTrainable: null },
    weightTensors: weights.length,
  };
}

/** Random pixels through preprocessing and the model; the answer must look like probabilities. */
export async function forwardCheck(tf: TF, loaded: LoadedModel): Promise<ForwardCheck> {
  const { spec } = loaded;
  const input = tf.tidy(() => normalize(tf, tf.randomUniform([1, spec.inputSize[0], spec.inputSize[1], 3], 0, 255) as tfTypes.Tensor4D, spec.preprocessing));
  const started = performance.now();
  let values: Float32Array;
  let outputShape: number[];
  try {
    ({ values, shape: outputShape } = await readBack(await loaded.forward(input))); // timing ends after read-back
  } finally {
    input.dispose();
  }
  const ms = performance.now() - started;
  const sum = values.reduce((a, b) => a + b, 0);
  const problems: string[] = [];
  const [rows, classes] = outputShape;
  if (outputShape.length !== 2 || rows !== 1) problems.push(`output shape [${outputShape.join(', ')}] is not one row per image`);
  if (classes !== loaded.labels.length) problems.push(`${String(classes)} outputs but ${loaded.labels.length} labels`);
  // A taught model outputs one score per taught label, not the base's class count.
  const expected = spec.taught ? spec.taught.labels.length : spec.classes;
  if (classes !== expected) problems.push(`${String(classes)} outputs but the model is set to ${expected} classes`);
  if (!values.every((v) => Number.isFinite(v) && v >= 0)) problems.push('some outputs are negative or not finite: not probabilities');
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    problems.push(`probabilities sum to ${sum.toFixed(6)}, not 1 ± ${SUM_TOLERANCE} (is the output kind right? logits need softmax)`);
  }
  return { passed: problems.length === 0, outputShape, labelCount: loaded.labels.length, probabilitySum: sum, ms, problems };
}

export async function inspectModel(tf: TF, loaded: LoadedModel, freshLoad: boolean): Promise<ModelReport> {
  const { model, spec, info } = loaded;
  const { structure, parameters, weightTensors } = structureOf(tf, loaded);
  const check = await forwardCheck(tf, loaded);
  const memory = tf.memory();
  return {
    key: spec.key,
    name: spec.name,
    format: spec.format,
    backend: info.backend,
    inputs: model ? signature(model.inputs as TensorLike[], info.inputShape) : runtimeSignature(info.signature?.inputs ?? []),
    outputs: model ? signature(model.outputs as TensorLike[], info.outputShape) : runtimeSignature(info.signature?.outputs ?? []),
    parameters,
    weightTensors,
    info,
    freshLoad,
    structure,
    check,
    memory: { numTensors: memory.numTensors, numBytes: memory.numBytes },
  };
}
