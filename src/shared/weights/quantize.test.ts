import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float16Bits, toFloat16 } from './float16';
import { quantizeModel, type ManifestEntry } from './quantizeModel';
import { channelNoise, isDepthwiseKernel, UINT8_MAX_CHANNEL_NOISE, uint8Choice } from './rule';
import { existingGrid, toUint8 } from './uint8';

/** A small deterministic pseudo-random source (no Math.random in tests). */
function values(n: number, seed: number, spread = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return ((s / 2147483648) * 2 - 1) * spread;
  });
}

function float32Model(tensors: { name: string; shape: number[]; data: Float32Array }[], groups = 1) {
  const per = Math.ceil(tensors.length / groups);
  const manifest = Array.from({ length: groups }, (_, g) => ({
    paths: [`g${g}.bin`],
    weights: tensors.slice(g * per, (g + 1) * per).map(({ name, shape }) => ({ name, shape, dtype: 'float32' })),
  }));
  const data = manifest.map((_, g) => {
    const part = tensors.slice(g * per, (g + 1) * per);
    const out = new Float32Array(part.reduce((n, t) => n + t.data.length, 0));
    let at = 0;
    for (const t of part) {
      out.set(t.data, at);
      at += t.data.length;
    }
    return new Uint8Array(out.buffer);
  });
  return { modelJson: { format: 'graph-model', modelTopology: {}, weightsManifest: manifest }, data };
}

/** Decodes with TF.js's own decoder, as loadGraphModel / loadLayersModel do at load time. */
function decodeWithTfjs(modelJson: Record<string, unknown>, shards: { bytes: Uint8Array }[]): Record<string, Float32Array> {
  const manifest = modelJson['weightsManifest'] as { weights: ManifestEntry[] }[];
  const specs = manifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const joined = new Uint8Array(shards.reduce((n, s) => n + s.bytes.length, 0));
  let at = 0;
  for (const s of shards) {
    joined.set(s.bytes, at);
    at += s.bytes.length;
  }
  const tensors = tf.io.decodeWeights(joined.buffer, specs);
  const out: Record<string, Float32Array> = {};
  for (const [name, t] of Object.entries(tensors)) {
    out[name] = t.dataSync() as Float32Array;
    t.dispose();
  }
  return out;
}

describe('float16 encoding', () => {
  it('encodes exact values, rounding, subnormals, overflow and NaN like IEEE 754', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Bits(-Infinity)).toBe(0xfc00);
    expect(float16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(Number.NaN) & 0x3ff).not.toBe(0);
    expect(float16Bits(2 ** -24)).toBe(0x0001);
    expect(float16Bits(2 ** -26)).toBe(0);
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
  });

  it("round-trips through TF.js's decoder within float16's relative error", () => {
    const original = values(5000, 7, 3);
    const { modelJson, data } = float32Model([{ name: 'w', shape: [50, 100], data: original }]);
    const q = quantizeModel(modelJson, data, 'float16');
    const entry = (q.modelJson['weightsManifest'] as { weights: ManifestEntry[] }[])[0]?.weights[0];
    expect(entry?.quantization).toEqual({ dtype: 'float16' });
    expect(entry?.dtype).toBe('float32');
    const decoded = decodeWithTfjs(q.modelJson, q.shards)['w'];
    expect(decoded).toHaveLength(original.length);
    let worst = 0;
    original.forEach((v, i) => {
      if (Math.abs(v) > 1e-4) worst = Math.max(worst, Math.abs(((decoded?.[i] ?? 0) - v) / v));
    });
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(2 ** -11);
    expect(toFloat16(original).length).toBe(original.length);
  });
});

describe('float16 range', () => {
  it('keeps a tensor with a value beyond float16 (65504) as float32, exactly, instead of turning it into Inf', () => {
    const variance = Float32Array.from([184, 1200, 83614.734375, 5]);
    const { modelJson, data } = float32Model([
      { name: 'bn/moving_variance', shape: [4], data: variance },
      { name: 'bn/gamma', shape: [4], data: Float32Array.from([1, 0.5, 2, 0.25]) },
    ]);
    const q = quantizeModel(modelJson, data, 'float16');
    expect(q.counts).toEqual({ uint8: 0, float16: 1, keep: 1 });
    const decoded = decodeWithTfjs(q.modelJson, q.shards);
    expect(Array.from(decoded['bn/moving_variance'] ?? [])).toEqual(Array.from(variance));
    expect(Array.from(decoded['bn/gamma'] ?? [])).toEqual([1, 0.5, 2, 0.25]);
  });
});

describe('uint8 quantization', () => {
  it("round-trips through TF.js's decoder within scale / 2", () => {
    const original = values(8192, 11, 0.4);
    const { modelJson, data } = float32Model([{ name: 'conv/kernel', shape: [1, 1, 64, 128], data: original }]);
    const q = quantizeModel(modelJson, data, 'uint8');
    const entry = (q.modelJson['weightsManifest'] as { weights: ManifestEntry[] }[])[0]?.weights[0];
    expect(entry?.quantization?.dtype).toBe('uint8');
    const scale = entry?.quantization?.scale ?? 0;
    const decoded = decodeWithTfjs(q.modelJson, q.shards)['conv/kernel'];
    let worst = 0;
    original.forEach((v, i) => {
      worst = Math.max(worst, Math.abs((decoded?.[i] ?? 0) - v));
    });
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-6);
    expect(q.shards.reduce((n, s) => n + s.bytes.length, 0)).toBe(original.length);
  });

  it('stores a tensor already on a <= 256-level grid (quantization-aware training) on that grid, losslessly, through TF.js', () => {
    const step = 0.0123;
    const offset = -0.77; // the grid need not start at a round number, nor use every level
    const original = Float32Array.from(values(6000, 5), (v) => Math.fround(offset + Math.round((v + 1) * 100) * step));
    const grid = existingGrid(original);
    expect(grid?.scale).toBeCloseTo(step, 9);
    const { modelJson, data } = float32Model([{ name: 'qat/dw', shape: [3, 3, 666, 1], data: original.slice(0, 5994) }]);
    const q = quantizeModel(modelJson, data, 'uint8');
    expect(q.counts.uint8).toBe(1); // even a depthwise kernel: nothing is lost
    const decoded = decodeWithTfjs(q.modelJson, q.shards)['qat/dw'];
    let worst = 0;
    original.slice(0, 5994).forEach((v, i) => {
      worst = Math.max(worst, Math.abs((decoded?.[i] ?? 0) - v));
    });
    expect(worst).toBeLessThan(step * 1e-3);
    expect(existingGrid(values(300, 5))).toBeNull(); // 300 distinct values: no 256-level grid
    expect(existingGrid(Float32Array.from([0, 0.1, 0.25]))).toBeNull(); // uneven
  });

  it('keeps a constant tensor exact', () => {
    const q = toUint8(new Float32Array([0.25, 0.25, 0.25]));
    expect(Array.from(q.bytes, (b) => b * q.scale + q.min)).toEqual([0.25, 0.25, 0.25]);
  });

  it('refuses Inf rather than writing garbage', () => {
    expect(() => toUint8(new Float32Array([1, Number.POSITIVE_INFINITY]))).toThrow(/Inf/);
  });
});

describe('the uint8 variant rule', () => {
  const choice = (name: string, shape: number[], dtype = 'float32', data?: Float32Array) =>
    uint8Choice(
      { name, shape, dtype },
      data ??
        values(
          shape.reduce((n, d) => n * d, 1),
          9,
        ),
    );

  it('stores large kernels as uint8 and depthwise kernels, biases and small tensors as float16', () => {
    expect(choice('conv/kernel', [3, 3, 32, 64])).toBe('uint8');
    expect(choice('fc/kernel', [1024, 1000])).toBe('uint8');
    expect(choice('x12/w', [3, 3, 144, 1])).toBe('float16');
    expect(isDepthwiseKernel({ name: 'conv_dw_1/depthwise_kernel', shape: [3, 3, 8, 1], dtype: 'float32' })).toBe(true);
    expect(choice('bn/gamma', [1024])).toBe('float16');
    expect(choice('small/kernel', [3, 3, 3, 8])).toBe('float16');
    expect(choice('shape', [2], 'int32', new Float32Array(2))).toBe('keep');
  });

  it('keeps float16 for a kernel whose output channels differ in scale (folded batch norm), where one uint8 step swamps most channels', () => {
    const shape = [64, 128];
    const spread = values(64 * 128, 21).map((v, i) => (i % 128 < 16 ? v * 10 : v * 0.05));
    expect(channelNoise(spread, shape)).toBeGreaterThan(UINT8_MAX_CHANNEL_NOISE);
    expect(choice('folded/kernel', shape, 'float32', spread)).toBe('float16');
    const even = values(64 * 128, 21);
    expect(channelNoise(even, shape)).toBeLessThan(0.01);
  });

  it('mixes uint8 and float16 entries in one manifest that TF.js decodes, across groups and shards', () => {
    const tensors = [
      { name: 'a/kernel', shape: [64, 100], data: values(6400, 3, 0.2) },
      { name: 'a/bias', shape: [100], data: values(100, 4, 0.05) },
      { name: 'dw/w', shape: [3, 3, 600, 1], data: values(5400, 5, 2) },
      { name: 'b/kernel', shape: [100, 50], data: values(5000, 6, 0.1) },
    ];
    const { modelJson, data } = float32Model(tensors, 2);
    const q = quantizeModel(modelJson, data, 'uint8', 4000);
    expect(q.counts).toEqual({ uint8: 2, float16: 2, keep: 0 });
    const groups = q.modelJson['weightsManifest'] as { paths: string[]; weights: ManifestEntry[] }[];
    expect(groups[0]?.paths).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']); // 6400 uint8 + 100 float16 bytes
    expect(groups[1]?.paths).toHaveLength(4); // 10800 float16 + 5000 uint8 bytes
    expect(groups.flatMap((g) => g.weights.map((w) => w.quantization?.dtype))).toEqual(['uint8', 'float16', 'float16', 'uint8']);
    const decoded = decodeWithTfjs(q.modelJson, q.shards);
    for (const t of tensors) {
      const got = decoded[t.name];
      expect(got).toHaveLength(t.data.length);
      const range = Math.max(...t.data) - Math.min(...t.data);
      t.data.forEach((v, i) => expect(Math.abs((got?.[i] ?? 0) - v)).toBeLessThanOrEqual(range / 255 / 2 + 1e-3 * Math.abs(v) + 1e-6));
    }
  });

  it('keeps int32 tensors byte for byte', () => {
    const modelJson = { weightsManifest: [{ paths: ['x.bin'], weights: [{ name: 'i', shape: [3], dtype: 'int32' }] }] };
    const bytes = new Uint8Array(new Int32Array([1, -2, 3]).buffer);
    const q = quantizeModel(modelJson, [bytes], 'uint8');
    expect(q.counts.keep).toBe(1);
    const decoded = tf.io.decodeWeights(q.shards[0]?.bytes.slice().buffer ?? new ArrayBuffer(0), [{ name: 'i', shape: [3], dtype: 'int32' }]);
    expect(Array.from(decoded['i']?.dataSync() ?? [])).toEqual([1, -2, 3]);
    decoded['i']?.dispose();
  });

  it('says which weight runs short of data', () => {
    const { modelJson } = float32Model([{ name: 'w', shape: [10, 10], data: values(100, 1) }]);
    expect(() => quantizeModel(modelJson, [new Uint8Array(12)], 'float16')).toThrow(/w runs past/);
  });
});
