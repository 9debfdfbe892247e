/**
 * Test data: a PyTorch-style ONNX classifier made from the shared Hugging Face MobileNetV2 (NCHW,
 * 1000 logits, which wants x/127.5 − 1). Two nodes are put in front of its graph so that its input
 * takes torchvision's normalisation instead, (x/255 − mean)/std, as a model exported from PyTorch
 * does: pixel_values ↦ pixel_values · 2·std + (2·mean − 1) per channel, which is x/127.5 − 1 again.
 * A minimal protobuf writer: the graph's other fields are copied byte for byte, and the nodes that
 * read the input are rewritten to read the new nodes' output.
 */

import { bytesOf } from '@/shared/images/testBytes';

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE_INPUT = 1;
const TORCH_MEAN = [0.485, 0.456, 0.406];
const TORCH_STD = [0.229, 0.224, 0.225];

interface RawField {
  number: number;
  /** The whole field, key included, as it is in the file. */
  raw: Uint8Array;
  payload: Uint8Array | null;
}

function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, at];
    scale *= 128;
  }
}

function fields(bytes: Uint8Array): RawField[] {
  const out: RawField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [key, next] = varint(bytes, at);
    at = next;
    let payload: Uint8Array | null = null;
    switch (key & 7) {
      case 0:
        at = varint(bytes, at)[1];
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const [length, body] = varint(bytes, at);
        payload = bytes.subarray(body, body + length);
        at = body + length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`wire type ${key & 7}`);
    }
    out.push({ number: Math.floor(key / 8), raw: bytes.subarray(start, at), payload });
  }
  return out;
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => bytesOf(...parts);
const bytesField = (number: number, payload: Uint8Array): Uint8Array =>
  concat([new Uint8Array([...encodeVarint(number * 8 + 2), ...encodeVarint(payload.length)]), payload]);
const stringField = (number: number, text: string): Uint8Array => bytesField(number, new TextEncoder().encode(text));
const varintField = (number: number, value: number): Uint8Array => new Uint8Array([...encodeVarint(number * 8), ...encodeVarint(value)]);

/** TensorProto: float32 [1, 3, 1, 1], so it broadcasts over an NCHW batch. */
function channelTensor(name: string, values: readonly number[]): Uint8Array {
  const data = new Uint8Array(new Float32Array(values).buffer);
  return concat([varintField(1, 1), varintField(1, 3), varintField(1, 1), varintField(1, 1), varintField(2, 1), stringField(8, name), bytesField(9, data)]);
}

const node = (op: string, inputs: readonly string[], output: string): Uint8Array =>
  concat([...inputs.map((i) => stringField(1, i)), stringField(2, output), stringField(3, `torch_input_${op.toLowerCase()}`), stringField(4, op)]);

/** The HF model's bytes → a model whose input `input` takes torchvision-normalised pixels. */
export function withTorchInput(model: Uint8Array, input = 'pixel_values'): Uint8Array {
  const inner = `${input}_tf`;
  const rename = (nodeBytes: Uint8Array): Uint8Array =>
    concat(
      fields(nodeBytes).map((f) =>
        f.number === NODE_INPUT && f.payload && new TextDecoder().decode(f.payload) === input ? stringField(NODE_INPUT, inner) : f.raw,
      ),
    );
  const rewriteGraph = (graph: Uint8Array): Uint8Array =>
    concat([
      bytesField(GRAPH_NODE, node('Mul', [input, 'torch_input_gain'], 'torch_input_scaled')),
      bytesField(GRAPH_NODE, node('Add', ['torch_input_scaled', 'torch_input_offset'], inner)),
      bytesField(
        GRAPH_INITIALIZER,
        channelTensor(
          'torch_input_gain',
          TORCH_STD.map((s) => 2 * s),
        ),
      ),
      bytesField(
        GRAPH_INITIALIZER,
        channelTensor(
          'torch_input_offset',
          TORCH_MEAN.map((m) => 2 * m - 1),
        ),
      ),
      ...fields(graph).map((f) => (f.number === GRAPH_NODE && f.payload ? bytesField(GRAPH_NODE, rename(f.payload)) : f.raw)),
    ]);
  return concat(fields(model).map((f) => (f.number === MODEL_GRAPH && f.payload ? bytesField(MODEL_GRAPH, rewriteGraph(f.payload)) : f.raw)));
}
