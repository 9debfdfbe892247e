import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnnxGraph, readOnnxSignature } from './onnxOps';
import { itShared } from '@/testing/sharedSuite';
import { sharedModel } from '@/testing/shared';

/** Protobuf bytes by hand: a length-delimited field is key (number << 3 | 2), length, payload. */
const field = (number: number, payload: Uint8Array): Uint8Array => new Uint8Array([(number << 3) | 2, payload.length, ...payload]);
const str = (number: number, value: string): Uint8Array => field(number, new TextEncoder().encode(value));
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(parts.flatMap((p) => [...p]));

const countOf = (nodes: { type: string }[], type: string): number => nodes.filter((n) => n.type === type).length;

describe('readOnnxGraph', () => {
  it('lists graph nodes in order and counts initializer values (packed and unpacked dims), skipping other fields', () => {
    const node = (name: string, op: string, domain = '') => field(1, concat(str(1, 'x'), str(3, name), str(4, op), ...(domain ? [str(7, domain)] : [])));
    const packedDims = field(5, field(1, new Uint8Array([3, 4]))); // a [3, 4] initializer, dims packed
    const plainDims = field(5, new Uint8Array([0x08, 5, 0x08, 2])); // a [5, 2] initializer, dims one by one
    const graph = concat(
      node('a', 'Conv'),
      node('b', 'Relu'),
      packedDims,
      node('c', 'Conv'),
      str(2, 'graph-name'),
      plainDims,
      node('d', 'QuickGelu', 'com.microsoft'),
    );
    const model = concat(new Uint8Array([0x08, 0x07]), str(2, 'producer'), field(7, graph));
    expect(readOnnxGraph(model)).toEqual({
      nodes: [
        { name: 'a', type: 'Conv' },
        { name: 'b', type: 'Relu' },
        { name: 'c', type: 'Conv' },
        { name: 'd', type: 'com.microsoft.QuickGelu' },
      ],
      parameters: 12 + 10,
    });
  });

  it('is null for bytes that are not an ONNX model', () => {
    expect(readOnnxGraph(new TextEncoder().encode('{"not": "onnx"}'))).toBeNull();
    expect(readOnnxGraph(new Uint8Array([0x3a, 0x7f, 0x01]))).toBeNull();
  });

  const path = resolve(sharedModel('mobilenet_v2_100_224_onnx'), 'model.onnx');
  itShared('reads the shared MobileNetV2 ONNX graph', { paths: [path] }, () => {
    const graph = readOnnxGraph(new Uint8Array(readFileSync(path)));
    expect(countOf(graph?.nodes ?? [], 'Conv')).toBeGreaterThanOrEqual(50);
    expect(countOf(graph?.nodes ?? [], 'Softmax')).toBe(1);
    // MobileNetV2 1.0 holds 3.5 M weights (3,538,984 in Keras; TF-slim's 1001-class head adds 1,281).
    expect(graph?.parameters).toBeGreaterThan(3_400_000);
    expect(graph?.parameters).toBeLessThan(3_700_000);
  });

  const hfPath = resolve(sharedModel('hf_mobilenet_v2_100_224'), 'onnx/model.onnx');
  itShared('reads the inputs and outputs of the shared NHWC softmax and NCHW logits ONNX models', { paths: [path, hfPath] }, () => {
    const nhwc = readOnnxSignature(new Uint8Array(readFileSync(path)));
    expect(nhwc?.inputs).toEqual([{ name: 'input', elemType: 1, dims: [expect.anything(), 224, 224, 3] }]);
    // Its exporter left the output's width open: the class count is measured when the model loads.
    expect(nhwc?.outputs[0]?.dims).toEqual(['N', null]);
    expect(nhwc?.lastOp).toBe('Softmax');
    const nchw = readOnnxSignature(new Uint8Array(readFileSync(hfPath)));
    expect(nchw?.inputs[0]).toMatchObject({ name: 'pixel_values', elemType: 1 });
    expect(nchw?.inputs[0]?.dims.slice(1)).toEqual([3, 224, 224]);
    expect(nchw?.lastOp).not.toBe('Softmax'); // logits (its last op slices the background column off)
  });

  it('reads a hand-made signature: a named batch dim, fixed dims, and an initializer listed as input left out', () => {
    const dim = (value: number | string) => field(1, typeof value === 'number' ? new Uint8Array([0x08, value]) : str(2, value));
    const value = (name: string, dims: (number | string)[]) =>
      concat(str(1, name), field(2, field(1, concat(new Uint8Array([0x08, 1]), field(2, concat(...dims.map(dim)))))));
    const graph = concat(
      field(1, concat(str(1, 'x'), str(2, 'y'), str(4, 'Softmax'))),
      field(5, concat(new Uint8Array([0x08, 3]), str(8, 'w'))),
      field(11, value('x', ['N', 3, 8, 8])),
      field(11, value('w', [3])),
      field(12, value('y', ['N', 10])),
    );
    expect(readOnnxSignature(field(7, graph))).toEqual({
      inputs: [{ name: 'x', elemType: 1, dims: ['N', 3, 8, 8] }],
      outputs: [{ name: 'y', elemType: 1, dims: ['N', 10] }],
      lastOp: 'Softmax',
    });
  });
});
