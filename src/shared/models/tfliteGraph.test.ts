import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnnxGraph } from './onnxOps';
import { readTfliteGraph } from './tfliteGraph';
import { LumenError } from '@/shared/errors';
import { sharedModel } from '@/testing/shared';
import { itShared } from '@/testing/sharedSuite';

/**
 * Flatbuffer bytes by hand, laid out front to back: the root offset and "TFL3", then each table as
 * its vtable followed by the table (every field in a 4-byte slot, a u64 in 8), and each table's
 * vectors, strings and sub-tables after it, so every u32 offset points forward as the format needs.
 */
type Scalar = { kind: 'i8' | 'u32' | 'i32'; value: number } | { kind: 'u64'; value: number };
type Node =
  | { kind: 'table'; fields: (Scalar | Node | undefined)[] }
  | { kind: 'tables'; items: Node[] }
  | { kind: 'ints'; values: number[] }
  | { kind: 'bytes'; values: number[] };

const isScalar = (f: Scalar | Node): f is Scalar => f.kind === 'i8' || f.kind === 'u32' || f.kind === 'i32' || f.kind === 'u64';
const table = (...fields: (Scalar | Node | undefined)[]): Node => ({ kind: 'table', fields });
const tables = (...items: Node[]): Node => ({ kind: 'tables', items });
const ints = (...values: number[]): Node => ({ kind: 'ints', values });
const bytesOf = (values: number[]): Node => ({ kind: 'bytes', values });
const str = (text: string): Node => bytesOf([...new TextEncoder().encode(text)]);
const i8 = (value: number): Scalar => ({ kind: 'i8', value });
const u32 = (value: number): Scalar => ({ kind: 'u32', value });
const i32 = (value: number): Scalar => ({ kind: 'i32', value });
const u64 = (value: number): Scalar => ({ kind: 'u64', value });

function build(root: Node): Uint8Array {
  const out: number[] = [];
  const put = (at: number, size: number, write: (v: DataView) => void) => {
    while (out.length < at + size) out.push(0);
    const v = new DataView(new ArrayBuffer(size));
    write(v);
    for (let i = 0; i < size; i++) out[at + i] = v.getUint8(i);
  };
  const align = () => {
    while (out.length % 4 !== 0) out.push(0);
  };
  // Writes `node` at the end and points the u32 slot at `from` to it (a table: past its vtable).
  const place = (node: Node, from: number): void => {
    align();
    const here = out.length;
    const pointTo = (target: number) => put(from, 4, (v) => v.setUint32(0, target - from, true));
    if (node.kind !== 'table') pointTo(here);
    if (node.kind === 'ints') {
      put(here, 4 + 4 * node.values.length, (v) => {
        v.setUint32(0, node.values.length, true);
        node.values.forEach((n, i) => v.setInt32(4 + 4 * i, n, true));
      });
    } else if (node.kind === 'bytes') {
      put(here, 5 + node.values.length, (v) => {
        v.setUint32(0, node.values.length, true);
        node.values.forEach((n, i) => v.setUint8(4 + i, n));
      });
    } else if (node.kind === 'tables') {
      put(here, 4 + 4 * node.items.length, (v) => v.setUint32(0, node.items.length, true));
      node.items.forEach((item, i) => place(item, here + 4 + 4 * i));
    } else {
      const slots = node.fields.map((f) => (f === undefined ? 0 : f.kind === 'u64' ? 8 : 4));
      const vtableSize = 4 + 2 * node.fields.length + (node.fields.length % 2 === 1 ? 2 : 0);
      const at = here + vtableSize; // a table is its vtable's neighbour, and the offset points at the table
      pointTo(at);
      let offset = 4;
      const offsets = slots.map((size) => {
        if (size === 0) return 0;
        offset += size;
        return offset - size;
      });
      put(here, vtableSize, (v) => {
        v.setUint16(0, vtableSize, true);
        v.setUint16(2, offset, true);
        offsets.forEach((o, i) => v.setUint16(4 + 2 * i, o, true));
      });
      put(at, offset, (v) => v.setInt32(0, at - here, true));
      node.fields.forEach((f, i) => {
        const slot = at + (offsets[i] ?? 0);
        if (f === undefined) return;
        if (f.kind === 'i8') put(slot, 1, (v) => v.setInt8(0, f.value));
        else if (f.kind === 'u32') put(slot, 4, (v) => v.setUint32(0, f.value, true));
        else if (f.kind === 'i32') put(slot, 4, (v) => v.setInt32(0, f.value, true));
        else if (f.kind === 'u64') put(slot, 8, (v) => v.setBigUint64(0, BigInt(f.value), true));
      });
      node.fields.forEach((f, i) => {
        if (f && !isScalar(f)) place(f, at + (offsets[i] ?? 0));
      });
    }
  };
  put(0, 8, (v) => [...'TFL3'].forEach((c, i) => v.setUint8(4 + i, c.charCodeAt(0))));
  place(root, 0);
  return new Uint8Array(out);
}

// Tensor { shape 0, type 1, buffer 2, name 3 }; Operator { opcode_index 0, inputs 1, outputs 2 }
const tensor = (name: string, shape: number[], buffer?: number) => table(ints(...shape), undefined, buffer === undefined ? undefined : u32(buffer), str(name));
const op = (code: number, inputs: number[], outputs: number[]) => table(u32(code), ints(...inputs), ints(...outputs));
// Model { version 0, operator_codes 1, subgraphs 2, description 3, buffers 4 }
const modelOf = (codes: Node[], subgraphs: Node[], buffers: Node[]) =>
  build(table(u32(3), tables(...codes), tables(...subgraphs), str('tiny'), tables(...buffers)));

/** A conv, a depthwise conv, an add, a GELU (code 150: only in builtin_code) and a custom op; a second subgraph shares a weight. */
function tinyModel(): Uint8Array {
  const codes = [
    table(i8(3)), // CONV_2D, old style: deprecated_builtin_code only
    table(i8(4), undefined, i32(1), i32(4)), // DEPTHWISE_CONV_2D in both fields
    table(), // ADD = 0: every field at its default
    table(i8(127), undefined, undefined, i32(150)), // GELU: deprecated field holds the placeholder
    table(i8(32), str('MyCustomOp')),
  ];
  const main = table(
    tables(
      tensor('input', [1, 8, 8, 3], 0),
      tensor('conv/weights', [4, 3, 3, 3], 1),
      tensor('conv/bias', [4], 2),
      tensor('conv/Relu6;conv/BiasAdd;conv/Conv2D', [1, 6, 6, 4]),
      tensor('dw/weights', [1, 3, 3, 4], 1), // the same buffer as conv/weights: counted once
      tensor('dw/out', [1, 4, 4, 4]),
      tensor('add/out', [1, 4, 4, 4]),
      tensor('scale', [], 3), // a scalar constant: one value
      tensor('custom/out', [1, 10]),
    ),
    ints(0),
    ints(8),
    tables(op(0, [0, 1, 2], [3]), op(1, [3, 4, -1], [5]), op(2, [5, 5], [6]), op(3, [6, 7], [6]), op(4, [6], [8]), op(2, [], [])),
    str('main'),
  );
  const body = table(tables(tensor('big', [2, 5], 4), tensor('again', [4, 3, 3, 3], 1)), ints(), ints(), tables(op(0, [], [0])));
  const buffers = [
    table(),
    table(bytesOf(new Array<number>(108).fill(1))),
    table(bytesOf([1, 2, 3, 4])),
    table(bytesOf([0, 0, 128, 63])),
    table(undefined, u64(4096), u64(40)),
  ];
  return modelOf(codes, [main, body], buffers);
}

const expectInvalid = (bytes: Uint8Array, message: RegExp) => {
  let caught: unknown = null;
  try {
    readTfliteGraph(bytes, 'bad.tflite');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(LumenError);
  expect((caught as LumenError).code).toBe('model-invalid');
  expect((caught as LumenError).message).toMatch(/^bad\.tflite is not a valid TFLite model: /);
  expect((caught as LumenError).message).toMatch(message);
};

const histogramOf = (nodes: { type: string }[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { type } of nodes) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};

describe('readTfliteGraph', () => {
  it("lists the main subgraph's operators in order, named by their first output, and counts each constant buffer once", () => {
    expect(readTfliteGraph(tinyModel())).toEqual({
      nodes: [
        { name: 'conv/Relu6', type: 'CONV_2D' },
        { name: 'dw/out', type: 'DEPTHWISE_CONV_2D' },
        { name: 'add/out', type: 'ADD' },
        { name: 'add/out', type: 'GELU' },
        { name: 'custom/out', type: 'MyCustomOp' },
        { name: '', type: 'ADD' },
      ],
      // 4·3·3·3 weights (shared by two tensors) + 4 biases + 1 scalar + 2·5 held outside the flatbuffer
      parameters: 108 + 4 + 1 + 10,
    });
  });

  it('names builtin codes from the schema, and a code past the table by its number', () => {
    const graph = (code: number) =>
      readTfliteGraph(modelOf([table(undefined, undefined, undefined, i32(code))], [table(tables(), ints(), ints(), tables(op(0, [], [])))], [table()]));
    expect(graph(22).nodes[0]?.type).toBe('RESHAPE');
    expect(graph(114).nodes[0]?.type).toBe('QUANTIZE');
    expect(graph(161).nodes[0]?.type).toBe('RIGHT_SHIFT');
    expect(graph(207).nodes[0]?.type).toBe('COMPLEX');
    expect(graph(4000).nodes[0]?.type).toBe('BUILTIN_4000');
    expect(graph(0).parameters).toBe(0);
  });

  it('throws model-invalid, saying what is wrong, for bytes that are not a TFLite model', () => {
    expectInvalid(new Uint8Array(0), /it is 0 bytes long/);
    expectInvalid(new TextEncoder().encode('{"not": "a tflite model"}'), /outside the file/);
    const good = tinyModel();
    expectInvalid(good.slice(0, 200), /outside the file|runs past its end/);
    const wideVtable = good.slice();
    new DataView(wideVtable.buffer).setUint16(8, 7, true); // the root's vtable is at byte 8: an odd size
    expectInvalid(wideVtable, /vtable at byte 8 has a size of 7/);
    const noCode = modelOf([], [table(tables(), ints(), ints(), tables(op(0, [], [])))], [table()]);
    expectInvalid(noCode, /operator 0 has operator code 0 of 0/);
    const noBuffer = modelOf([table()], [table(tables(tensor('w', [3], 5)), ints(), ints(), tables())], [table()]);
    expectInvalid(noBuffer, /tensor 0 of subgraph 0 refers to buffer 5 of 1/);
    const noTensor = modelOf([table()], [table(tables(), ints(), ints(), tables(op(0, [], [3])))], [table()]);
    expectInvalid(noTensor, /operator 0 writes tensor 3 of 0/);
    const openConstant = modelOf([table()], [table(tables(tensor('w', [-1, 3], 1)), ints(), ints(), tables())], [table(), table(bytesOf([1, 2, 3]))]);
    expectInvalid(openConstant, /tensor 0 \(w\) of subgraph 0 is a constant with an open dimension \(-1\)/);
    expectInvalid(modelOf([], [], []), /no subgraph/);
  });

  // Independently checked with the flatbuffers package's own ByteBuffer (not a dependency of
  // Lumen's, so not used here): the counts below are what it read from these two files.
  // MobileNetV2 (Sandler et al. 2018, "Inverted Residuals and Linear Bottlenecks", table 2) has 17
  // bottlenecks, each one depthwise conv; 10 of them (stride 1, same width) add a residual; its
  // 1×1 convs are the stem, 16 expansions, 17 projections, the 1280-wide last conv and, in TF-slim,
  // the 1×1 conv logits: 36.
  const quant = resolve(sharedModel('mobilenet_v2_100_224_quant_tflite'), 'model.tflite');
  const onnx = resolve(sharedModel('mobilenet_v2_100_224_onnx'), 'model.onnx');
  itShared(
    'reads the shared uint8 MobileNetV2 (TF-slim, quantization-aware) and agrees with the ONNX graph of the same network',
    { paths: [quant, onnx] },
    () => {
      const graph = readTfliteGraph(new Uint8Array(readFileSync(quant)));
      expect(histogramOf(graph.nodes)).toEqual({ CONV_2D: 36, DEPTHWISE_CONV_2D: 17, ADD: 10, AVERAGE_POOL_2D: 1, RESHAPE: 1, SOFTMAX: 1 });
      expect(graph.nodes[0]).toEqual({ name: 'MobilenetV2/Conv/Relu6', type: 'CONV_2D' });
      expect(graph.nodes.at(-1)).toEqual({ name: 'MobilenetV2/Predictions/Softmax', type: 'SOFTMAX' });
      const reference = readOnnxGraph(new Uint8Array(readFileSync(onnx)));
      const onnxOps = histogramOf(reference?.nodes ?? []);
      // ONNX has one Conv op for both kinds (depthwise is a Conv with `group`).
      expect(onnxOps['Conv']).toBe(36 + 17);
      // The same weights: ONNX holds two more scalars per Relu6 (a Clip's min and max), which TFLite fuses into the conv.
      expect(graph.parameters).toBe((reference?.parameters ?? 0) - 2 * (onnxOps['Clip'] ?? 0));
      expect(graph.parameters).toBe(3_489_099);
    },
  );

  const ptq = resolve(sharedModel('tf2_mobilenet_v2_100_224_ptq_tflite'), 'model.tflite');
  itShared(
    'reads the shared TF2 post-training-quantized MobileNetV2: the same network, with QUANTIZE at both ends and MEAN for the pool',
    { paths: [ptq] },
    () => {
      const graph = readTfliteGraph(new Uint8Array(readFileSync(ptq)));
      expect(histogramOf(graph.nodes)).toEqual({ QUANTIZE: 2, CONV_2D: 36, DEPTHWISE_CONV_2D: 17, ADD: 10, MEAN: 1, RESHAPE: 1, SOFTMAX: 1 });
      expect(graph.nodes.map((n) => n.type).slice(0, 1)).toEqual(['QUANTIZE']);
      expect(graph.nodes.at(-1)).toEqual({ name: 'Identity', type: 'QUANTIZE' });
      expect(graph.parameters).toBe(3_489_101); // as above, and MEAN's axes [1, 2]
    },
  );
});
