/**
 * An ONNX model's graph nodes in order (name, op type) and its parameter count, read straight from
 * its protobuf bytes for Inspect: ONNX Runtime does not expose the graph. A minimal reader of the
 * wire format (ModelProto.graph = field 7; GraphProto.node = 1, initializer = 5; NodeProto.name = 3,
 * op_type = 4, domain = 7; TensorProto.dims = 1) that skips everything else by length, weights
 * included, so a 100 MB model costs no copy.
 */
import { fieldsOf, firstField, Reader, text, varintField } from './protobufWire';

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_DOMAIN = 7;
const TENSOR_DIMS = 1;
const TENSOR_NAME = 8;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const NODE_OUTPUT = 2;
const VALUE_NAME = 1;
const VALUE_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_TYPE_ELEM = 1;
const TENSOR_TYPE_SHAPE = 2;
const SHAPE_DIM = 1;
const DIM_VALUE = 1;
const DIM_PARAM = 2;

/** A graph input or output: its name, ONNX element type code (1 float, 2 uint8, 3 int8, 10 float16) and dims (a name or null when open). */
export interface OnnxValue {
  name: string;
  elemType: number | null;
  dims: (number | string | null)[];
}

export interface OnnxSignature {
  /** The real inputs (initializers that old exporters also list as inputs are left out). */
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /** Op type of the node that produces the first output (Softmax: the model gives probabilities). */
  lastOp: string | null;
}

export interface GraphNode {
  name: string;
  type: string;
}

export interface OnnxGraph {
  nodes: GraphNode[];
  /** Values in the initializers (the weights). */
  parameters: number;
}

/** A TensorProto's element count: the product of its dims (packed or not). */
function elementCount(bytes: Uint8Array, [start, end]: [number, number]): number {
  const reader = new Reader(bytes, start, end);
  let count = 1;
  while (!reader.done()) {
    const field = reader.field();
    if (field.number !== TENSOR_DIMS) continue;
    if (field.value !== null) count *= field.value;
    else if (field.payload) {
      const packed = new Reader(bytes, field.payload[0], field.payload[1]);
      while (!packed.done()) count *= packed.varint();
    }
  }
  return count;
}

function nodeOf(bytes: Uint8Array, [start, end]: [number, number]): GraphNode {
  const reader = new Reader(bytes, start, end);
  let name = '';
  let op = '';
  let domain = '';
  while (!reader.done()) {
    const field = reader.field();
    if (!field.payload) continue;
    if (field.number === NODE_NAME) name = text(bytes, field.payload);
    else if (field.number === NODE_OP_TYPE) op = text(bytes, field.payload);
    else if (field.number === NODE_DOMAIN) domain = text(bytes, field.payload);
  }
  // A non-default domain is named, as `domain.OpType`.
  return { name, type: domain && domain !== 'ai.onnx' ? `${domain}.${op}` : op };
}

/** The main graph's nodes and parameter count; null when the bytes are not an ONNX model. */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraph | null {
  try {
    const nodes: GraphNode[] = [];
    let parameters = 0;
    for (const graph of fieldsOf(bytes, [0, bytes.length], MODEL_GRAPH)) {
      for (const node of fieldsOf(bytes, graph, GRAPH_NODE)) nodes.push(nodeOf(bytes, node));
      for (const tensor of fieldsOf(bytes, graph, GRAPH_INITIALIZER)) parameters += elementCount(bytes, tensor);
    }
    return nodes.length > 0 ? { nodes, parameters } : null;
  } catch {
    return null;
  }
}

/** Ops that only pass values on: the op that computes the output is found behind them. */
const PASS_THROUGH = new Set(['Identity', 'Reshape', 'Flatten', 'Squeeze']);
const NODE_INPUT = 1;

/** The op that computes `output`, looking through Identity, Reshape, Flatten and Squeeze. */
function lastComputingOp(bytes: Uint8Array, graph: [number, number], output: string | undefined): string | null {
  const producers = new Map<string, { type: string; input: string | null }>();
  for (const node of fieldsOf(bytes, graph, GRAPH_NODE)) {
    const { type } = nodeOf(bytes, node);
    const input = firstField(bytes, node, NODE_INPUT);
    for (const o of fieldsOf(bytes, node, NODE_OUTPUT)) producers.set(text(bytes, o), { type, input: input ? text(bytes, input) : null });
  }
  let name = output;
  for (let hops = 0; name !== undefined && hops < 8; hops++) {
    const producer = producers.get(name);
    if (!producer) return null;
    if (!PASS_THROUGH.has(producer.type) || producer.input === null) return producer.type;
    name = producer.input;
  }
  return null;
}

function valueInfo(bytes: Uint8Array, range: [number, number]): OnnxValue {
  const name = firstField(bytes, range, VALUE_NAME);
  const type = firstField(bytes, range, VALUE_TYPE);
  const tensor = type ? firstField(bytes, type, TYPE_TENSOR) : null;
  const shape = tensor ? firstField(bytes, tensor, TENSOR_TYPE_SHAPE) : null;
  const dims = (shape ? fieldsOf(bytes, shape, SHAPE_DIM) : []).map((dim) => {
    const param = firstField(bytes, dim, DIM_PARAM);
    if (param) return text(bytes, param);
    const value = varintField(bytes, dim, DIM_VALUE);
    return value !== null && value > 0 ? value : null;
  });
  return { name: name ? text(bytes, name) : '', elemType: tensor ? varintField(bytes, tensor, TENSOR_TYPE_ELEM) : null, dims };
}

/**
 * The graph's inputs and outputs with their types and shapes, read from the file in the page (no
 * runtime needed), so Your model can say how to feed a dropped ONNX model before loading it.
 */
export function readOnnxSignature(bytes: Uint8Array): OnnxSignature | null {
  try {
    const graph = firstField(bytes, [0, bytes.length], MODEL_GRAPH);
    if (!graph) return null;
    const initializers = new Set(
      fieldsOf(bytes, graph, GRAPH_INITIALIZER).flatMap((t) => {
        const name = firstField(bytes, t, TENSOR_NAME);
        return name ? [text(bytes, name)] : [];
      }),
    );
    const inputs = fieldsOf(bytes, graph, GRAPH_INPUT)
      .map((v) => valueInfo(bytes, v))
      .filter((v) => !initializers.has(v.name));
    const outputs = fieldsOf(bytes, graph, GRAPH_OUTPUT).map((v) => valueInfo(bytes, v));
    return inputs.length > 0 ? { inputs, outputs, lastOp: lastComputingOp(bytes, graph, outputs[0]?.name) } : null;
  } catch {
    return null;
  }
}
