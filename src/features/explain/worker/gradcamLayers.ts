/**
 * Grad-CAM on a layers model: split at the last convolutional features (the last layer whose
 * output still has a spatial map, bigger than 1×1), run the layers up to there, then take the
 * gradient of the class score through the rest of the layers applied to those features.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type TF = typeof tfTypes;
type Layer = tfTypes.layers.Layer;

export interface LayersSplit {
  /** The layer whose output is the feature map. */
  at: string;
  trunk(input: tfTypes.Tensor4D): tfTypes.Tensor4D;
  head(features: tfTypes.Tensor4D): tfTypes.Tensor;
}

const isSpatial = (shape: unknown): boolean =>
  Array.isArray(shape) && shape.length === 4 && typeof shape[1] === 'number' && typeof shape[2] === 'number' && (shape[1] > 1 || shape[2] > 1);

/** Symbolic tensor id → value, filled layer by layer (model.layers is in topological order). */
function applyLayers(layers: readonly Layer[], values: Map<number, tfTypes.Tensor>): void {
  for (const layer of layers) {
    const inputs = layer.inboundNodes[0]?.inputTensors ?? [];
    const args = inputs.map((symbolic) => values.get(symbolic.id));
    if (args.length === 0 || args.some((a) => a === undefined)) throw new Error(`layer ${layer.name} takes a tensor from before the split`);
    const out = layer.apply(args.length === 1 ? (args[0] as tfTypes.Tensor) : (args as tfTypes.Tensor[]), { training: false });
    if (Array.isArray(out)) throw new Error(`layer ${layer.name} has several outputs`);
    values.set((layer.output as tfTypes.SymbolicTensor).id, out as tfTypes.Tensor);
  }
}

/** The split, or why there is none (the caller falls back to occlusion and says so). */
export function splitLayersModel(model: tfTypes.LayersModel): LayersSplit | string {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model has several inputs or outputs';
  if (model.layers.some((l) => l.inboundNodes.length > 1)) return 'a layer is used more than once (shared layers)';
  let splitIndex = -1;
  model.layers.forEach((layer, i) => {
    if (isSpatial(layer.outputShape)) splitIndex = i;
  });
  const split = model.layers[splitIndex];
  if (!split) return 'no layer outputs a spatial feature map';
  const input = model.inputs[0] as tfTypes.SymbolicTensor;
  const output = model.outputs[0] as tfTypes.SymbolicTensor;
  const featureId = (split.output as tfTypes.SymbolicTensor).id;
  const trunkLayers = model.layers.slice(0, splitIndex + 1).filter((l) => l.getClassName() !== 'InputLayer');
  const headLayers = model.layers.slice(splitIndex + 1);
  return {
    at: split.name,
    trunk: (x) => {
      const values = new Map<number, tfTypes.Tensor>([[input.id, x]]);
      applyLayers(trunkLayers, values);
      return values.get(featureId) as tfTypes.Tensor4D;
    },
    head: (features) => {
      const values = new Map<number, tfTypes.Tensor>([[featureId, features]]);
      applyLayers(headLayers, values);
      const result = values.get(output.id);
      if (!result) throw new Error('the model output does not follow from the split');
      return result;
    },
  };
}

/** Features and the score's gradient w.r.t. them, for one preprocessed image; the caller disposes both. */
export function layersGradients(tf: TF, split: LayersSplit, input: tfTypes.Tensor4D, score: (output: tfTypes.Tensor) => tfTypes.Scalar) {
  return tf.tidy(() => {
    const features = split.trunk(input);
    const gradients = tf.grad((f: tfTypes.Tensor) => score(split.head(f as tfTypes.Tensor4D)))(features) as tfTypes.Tensor4D;
    return { features, gradients };
  });
}
