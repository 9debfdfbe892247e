import { describe, expect, it } from 'vitest';
import { dequantize, dtypeOf, float16ToNumber, numberToFloat16, readInputLayout, toFloat16Array } from './tensorLayout';

describe('readInputLayout', () => {
  it('[N,3,224,224] (PyTorch export, symbolic batch) is NCHW with a dynamic batch', () => {
    expect(readInputLayout(['batch_size', 3, 224, 224])).toEqual({
      layout: 'nchw',
      height: 224,
      width: 224,
      channels: 3,
      batch: null,
      hasBatchDim: true,
      imageByImage: false,
    });
  });

  it('[1,224,224,3] (TFLite) is NHWC with a fixed batch of 1, run image by image', () => {
    expect(readInputLayout([1, 224, 224, 3])).toMatchObject({ layout: 'nhwc', height: 224, width: 224, channels: 3, batch: 1, imageByImage: true });
  });

  it('dynamic dims as −1, 0, null or names', () => {
    expect(readInputLayout([-1, 224, 192, 3])).toMatchObject({ layout: 'nhwc', height: 224, width: 192, batch: null, imageByImage: false });
    expect(readInputLayout([null, 3, 'height', 'width'])).toMatchObject({ layout: 'nchw', height: null, width: null, channels: 3 });
    expect(readInputLayout([0, -1, -1, 3])).toMatchObject({ layout: 'nhwc', height: null, width: null, batch: null });
    expect(readInputLayout([8, 3, 224, 224])).toMatchObject({ batch: 8, imageByImage: false });
  });

  it('a rank-3 shape has no batch dimension and runs image by image', () => {
    expect(readInputLayout([224, 224, 3])).toMatchObject({ layout: 'nhwc', hasBatchDim: false, batch: 1, imageByImage: true });
    expect(readInputLayout([3, 32, 32])).toMatchObject({ layout: 'nchw', height: 32, width: 32, hasBatchDim: false });
  });

  it('where both ends could be channels, 3 decides, and NHWC when both are 3', () => {
    expect(readInputLayout([1, 3, 8, 4])).toMatchObject({ layout: 'nchw', channels: 3, height: 8, width: 4 });
    expect(readInputLayout([1, 4, 8, 3])).toMatchObject({ layout: 'nhwc', channels: 3, height: 4, width: 8 });
    expect(readInputLayout([1, 3, 3, 3])).toMatchObject({ layout: 'nhwc' });
    expect(readInputLayout([1, 1, 28, 28])).toMatchObject({ layout: 'nchw', channels: 1, height: 28, width: 28 });
  });

  it('says why a shape is not an image input', () => {
    expect(() => readInputLayout([1, 1000])).toThrow('input shape [1,1000] is not an image batch (rank 4) or an image (rank 3)');
    expect(() => readInputLayout([1, 224, 224, 224])).toThrow('input shape [1,224,224,224]: cannot tell NCHW from NHWC');
    expect(() => readInputLayout(['N', 'C', 'H', 'W'])).toThrow('input shape [N,C,H,W]: cannot tell NCHW from NHWC');
    expect(() => readInputLayout([null, undefined, 5, 7])).toThrow('input shape [?,?,5,7]');
  });
});

describe('dtypeOf', () => {
  it('reads ONNX Runtime names, ONNX type strings and TensorProto codes', () => {
    expect(['float32', 'float', 'tensor(float)', 'float16', 'tensor(float16)', 'uint8', 'int8'].map((n) => dtypeOf(n, 'onnx'))).toEqual([
      'float32',
      'float32',
      'float32',
      'float16',
      'float16',
      'uint8',
      'int8',
    ]);
    expect([1, 2, 3, 10].map((c) => dtypeOf(c, 'onnx'))).toEqual(['float32', 'uint8', 'int8', 'float16']);
  });

  it('reads TFLite names and TensorType codes (which differ from ONNX’s)', () => {
    expect(['FLOAT32', 'UINT8', 'INT8', 'FLOAT16'].map((n) => dtypeOf(n, 'tflite'))).toEqual(['float32', 'uint8', 'int8', 'float16']);
    expect([0, 1, 3, 9].map((c) => dtypeOf(c, 'tflite'))).toEqual(['float32', 'float16', 'uint8', 'int8']);
  });

  it('gives null for dtypes an image classifier is not fed or read in', () => {
    expect(dtypeOf('int64', 'onnx')).toBeNull();
    expect(dtypeOf(7, 'onnx')).toBeNull();
    expect(dtypeOf(2, 'tflite')).toBeNull();
    expect(dtypeOf('string', 'tflite')).toBeNull();
  });
});

describe('float16', () => {
  it('decodes known bit patterns', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x3800].map(float16ToNumber)).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14, 0.5]);
    expect(float16ToNumber(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(float16ToNumber(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(float16ToNumber(0x7e00)).toBeNaN();
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
  });

  it('encodes to the nearest, ties to even, overflow to infinity', () => {
    expect(numberToFloat16(1)).toBe(0x3c00);
    expect(numberToFloat16(1 / 3)).toBe(0x3555);
    expect(numberToFloat16(65504)).toBe(0x7bff);
    expect(numberToFloat16(65519)).toBe(0x7bff);
    expect(numberToFloat16(65520)).toBe(0x7c00);
    expect(numberToFloat16(1 + 2 ** -11)).toBe(0x3c00); // halfway between 0x3c00 and 0x3c01: to the even one
    expect(numberToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway between 0x3c01 and 0x3c02
    expect(numberToFloat16(2 ** -25)).toBe(0); // halfway between 0 and the smallest subnormal
    expect(numberToFloat16(3 * 2 ** -26)).toBe(1);
    expect(numberToFloat16(2 ** -30)).toBe(0);
    expect(numberToFloat16(-0)).toBe(0x8000);
    expect(numberToFloat16(Number.NEGATIVE_INFINITY)).toBe(0xfc00);
    expect(numberToFloat16(Number.NaN)).toBe(0x7e00);
  });

  it('round-trips every finite half-precision value', () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x10000; bits += 1) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      if (numberToFloat16(float16ToNumber(bits)) !== bits) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });

  it('packs an array as ONNX Runtime takes a float16 tensor', () => {
    expect(Array.from(toFloat16Array([1, -2, 0.5]))).toEqual([0x3c00, 0xc000, 0x3800]);
  });
});

describe('dequantize', () => {
  it('uint8 and int8 with the tensor’s own scale and zero point', () => {
    expect(Array.from(dequantize(new Uint8Array([0, 128, 255]), 'uint8', { scale: 1 / 256, zeroPoint: 0 }))).toEqual([0, 0.5, 0.99609375]);
    const int8 = Array.from(dequantize(new Int8Array([-128, 0, 127]), 'int8', { scale: 0.1, zeroPoint: -128 }));
    [0, 12.8, 25.5].forEach((v, i) => expect(int8[i]).toBeCloseTo(v, 5));
  });

  it('without quantization, the values as they are', () => {
    expect(Array.from(dequantize(new Uint8Array([3, 200]), 'uint8'))).toEqual([3, 200]);
  });

  it('float16: a Uint16Array holds bits, any other array the numbers', () => {
    expect(Array.from(dequantize(new Uint16Array([0x3c00, 0xc000]), 'float16'))).toEqual([1, -2]);
    expect(Array.from(dequantize(new Float32Array([0.25, 3]), 'float16'))).toEqual([0.25, 3]);
  });

  it('float32 comes back as a copy', () => {
    const source = new Float32Array([0.1, 0.9]);
    const out = dequantize(source, 'float32');
    out[0] = 5;
    expect(source[0]).toBeCloseTo(0.1, 6);
  });
});
