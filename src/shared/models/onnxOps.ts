/**
 * An ONNX model's graph nodes in order (name, op type) and its parameter count, read straight from
 * its protobuf bytes for Inspect: ONNX Runtime does not expose the graph. A minimal reader of the
 * wire format (ModelProto.graph = field 7; GraphProto.node = 1, initializer = 5; NodeProto.name = 3,
 * op_type = 4, domain = 7; TensorProto.dims = 1) that skips everything else by length, weights
 * included, so a 100 MB model costs no copy.
 */

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_DOMAIN = 7;
const TENSOR_DIMS = 1;

export interface GraphNode {
  name: string;
  type: string;
}

export interface OnnxGraph {
  nodes: GraphNode[];
  /** Values in the initializers (the weights). */
  parameters: number;
}

interface Field {
  number: number;
  /** For length-delimited fields: [start, end) of the payload; otherwise null. */
  payload: [number, number] | null;
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.at >= this.end;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.at++];
      if (byte === undefined || this.at > this.end) throw new Error('truncated varint');
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Error('varint too long');
  }

  field(): Field & { value: number | null } {
    const key = this.varint();
    const number = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        return { number, payload: null, value: this.varint() };
      case 1:
        this.at += 8;
        return { number, payload: null, value: null };
      case 2: {
        const length = this.varint();
        const start = this.at;
        this.at += length;
        if (this.at > this.end) throw new Error('truncated field');
        return { number, payload: [start, this.at], value: null };
      }
      case 5:
        this.at += 4;
        return { number, payload: null, value: null };
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
  }
}

const text = (bytes: Uint8Array, [start, end]: [number, number]): string => new TextDecoder().decode(bytes.subarray(start, end));

function fieldsOf(bytes: Uint8Array, [start, end]: [number, number], wanted: number): [number, number][] {
  const reader = new Reader(bytes, start, end);
  const out: [number, number][] = [];
  while (!reader.done()) {
    const field = reader.field();
    if (field.number === wanted && field.payload) out.push(field.payload);
  }
  return out;
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
