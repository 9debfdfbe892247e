import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnnxGraph } from './onnxOps';
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
});
