/**
 * Grad-CAM on a graph model: the feature map is the input of the global pooling that ends the
 * convolutional part, found by walking back from the output. Executing the graph with that node
 * fed as an input runs only the head, and tf.grad goes through execute.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type TF = typeof tfTypes;

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
}

export interface GraphSplit {
  /** The node fed with the feature map. */
  at: string;
  output: string;
}

/** Ops that pool a whole feature map down to one vector (global pooling). */
const POOLING_OPS = new Set(['AvgPool', 'Mean', 'MaxPool', 'Max']);

const nodeName = (input: string): string => input.replace(/^\^/, '').replace(/:\d+$/, '');

function nodesOf(topology: unknown): GraphNode[] {
  const node = typeof topology === 'object' && topology !== null && 'node' in topology ? (topology as { node: unknown }).node : null;
  return Array.isArray(node) ? (node as GraphNode[]) : [];
}

/** The split point, or why there is none. */
export function findGraphSplit(model: tfTypes.GraphModel, topology: unknown): GraphSplit | string {
  const nodes = new Map(nodesOf(topology).map((n) => [n.name, n]));
  if (nodes.size === 0) return "the model's graph cannot be read";
  const output = nodeName(model.outputNodes[0] ?? '');
  let current = nodes.get(output);
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const data = (current.input ?? [])
      .map(nodeName)
      .map((n) => nodes.get(n))
      .filter((n): n is GraphNode => n !== undefined && n.op !== 'Const');
    if (POOLING_OPS.has(current.op)) {
      const features = data[0];
      return features ? { at: features.name, output } : `the pooling node ${current.name} has no input`;
    }
    current = data[0];
  }
  return 'no global pooling was found between the output and the convolutional layers';
}

/** Features and the score's gradient w.r.t. them, for one preprocessed image; the caller disposes both. */
export function graphGradients(
  tf: TF,
  model: tfTypes.GraphModel,
  split: GraphSplit,
  input: tfTypes.Tensor4D,
  score: (output: tfTypes.Tensor) => tfTypes.Scalar,
) {
  return tf.tidy(() => {
    const features = model.execute(input, split.at) as tfTypes.Tensor;
    if (features.rank !== 4 || (features.shape[1] ?? 0) * (features.shape[2] ?? 0) <= 1) {
      throw new Error(`node ${split.at} gives ${JSON.stringify(features.shape)}, not a spatial feature map`);
    }
    const gradients = tf.grad((f: tfTypes.Tensor) => score(model.execute({ [split.at]: f }, split.output) as tfTypes.Tensor))(features);
    return { features: features as tfTypes.Tensor4D, gradients: gradients as tfTypes.Tensor4D };
  });
}
