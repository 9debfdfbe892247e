import { describe, expect, it } from 'vitest';
import { pickRuntimeModelFiles } from './runtimeDrop';

/** A tiny ONNX graph by hand (as onnxOps.test.ts builds one): x [N,3,8,8] → Softmax → y [N,2]. */
const field = (number: number, payload: Uint8Array): Uint8Array => new Uint8Array([(number << 3) | 2, payload.length, ...payload]);
const str = (number: number, value: string): Uint8Array => field(number, new TextEncoder().encode(value));
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(parts.flatMap((p) => [...p]));
const dim = (value: number | string) => field(1, typeof value === 'number' ? new Uint8Array([0x08, value]) : str(2, value));
const value = (name: string, dims: (number | string)[]) =>
  concat(str(1, name), field(2, field(1, concat(new Uint8Array([0x08, 1]), field(2, concat(...dims.map(dim)))))));
const ONNX = field(
  7,
  concat(field(1, concat(str(1, 'x'), str(2, 'y'), str(4, 'Softmax'))), field(11, value('x', ['N', 3, 8, 8])), field(12, value('y', ['N', 2]))),
);

const file = (name: string): File => new File([/\.onnx$/.test(name) ? new Uint8Array(ONNX) : new Uint8Array(4)], name);
const json = (name: string, value: unknown): File => new File([JSON.stringify(value)], name);

describe('a dropped Hugging Face folder with dtype siblings', () => {
  const folder = () => [
    json('config.json', { id2label: { 0: 'a', 1: 'b' } }),
    file('model_quantized.onnx'),
    file('model.onnx'),
    file('model_fp16.onnx'),
    file('README.md'),
  ];

  it('offers every sibling as its weights, fp32 first and picked by default, and ignores none of them', async () => {
    const picked = await pickRuntimeModelFiles(folder());
    expect(picked?.model.name).toBe('model.onnx');
    expect(picked?.dtype).toBe('fp32');
    expect(picked?.siblings).toEqual([
      { dtype: 'fp32', name: 'model.onnx', bytes: ONNX.length },
      { dtype: 'fp16', name: 'model_fp16.onnx', bytes: ONNX.length },
      { dtype: 'q8', name: 'model_quantized.onnx', bytes: ONNX.length },
    ]);
    expect(picked?.ignored).toEqual(['README.md']);
  });

  it('loads the sibling asked for; an unknown one falls back to fp32; a lone file has no siblings', async () => {
    expect((await pickRuntimeModelFiles(folder(), 'q8'))?.model.name).toBe('model_quantized.onnx');
    expect((await pickRuntimeModelFiles(folder(), 'q4'))?.model.name).toBe('model.onnx');
    const lone = await pickRuntimeModelFiles([file('resnet.onnx')]);
    expect(lone?.siblings).toEqual([]);
    expect(lone?.dtype).toBeNull();
  });
});
