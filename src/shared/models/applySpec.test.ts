import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySpec, cropBox, roundHalfEven } from './applySpec';
import { PREPROCESSING_MODES } from './catalog';
import { presetSpec, type PreprocessSpec } from './preprocessSpec';
import { normalize } from '@/engine/worker/preprocess';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const eval224 = presetSpec('torchvision-eval', [224, 224]);

describe('roundHalfEven (Python 3 round)', () => {
  it('sends halves to the even neighbour and everything else to the nearest', () => {
    expect([58.5, 59.5, 0.5, 1.5, 2.4, 2.6, 16, 0].map(roundHalfEven)).toEqual([58, 60, 0, 2, 2, 3, 16, 0]);
  });
});

describe('cropBox', () => {
  it('640×480 → resize 341×256, then crop 224 from left 58, top 16 (torchvision: int(round(117 / 2.0)) = 58)', () => {
    const box = cropBox(640, 480, eval224);
    expect(box.resized).toEqual({ width: 341, height: 256 });
    expect(box.crop).toEqual({ left: 58, top: 16, width: 224, height: 224 });
    expect(box.source.left).toBeCloseTo((58 * 640) / 341, 10);
    expect(box.source.top).toBeCloseTo(16 * (480 / 256), 10);
    expect(box.source.width).toBeCloseTo((224 * 640) / 341, 10);
    expect(box.source.height).toBeCloseTo(224 * (480 / 256), 10);
  });

  it('portrait and square images, and a long side that truncates (300×200 → 384×256)', () => {
    expect(cropBox(480, 640, eval224)).toMatchObject({ resized: { width: 256, height: 341 }, crop: { left: 16, top: 58 } });
    expect(cropBox(500, 500, eval224)).toMatchObject({ resized: { width: 256, height: 256 }, crop: { left: 16, top: 16 } });
    expect(cropBox(300, 200, eval224)).toMatchObject({ resized: { width: 384, height: 256 }, crop: { left: 80, top: 16 } });
    // int(256 · 1000 / 750) = int(341.33) = 341
    expect(cropBox(1000, 750, eval224).resized).toEqual({ width: 341, height: 256 });
  });

  it('an odd margin of 119: torchvision rounds 59.5 to 60, Hugging Face floors it to 59', () => {
    expect(cropBox(343, 256, eval224).crop.left).toBe(60);
    const hf: PreprocessSpec = { ...eval224, resize: { kind: 'shortest-edge', size: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' } };
    expect(cropBox(343, 256, hf).crop.left).toBe(59);
  });

  it('an exact resize keeps the whole image; a resize-then-crop crops the resized square', () => {
    expect(cropBox(640, 480, presetSpec('tf', [224, 224]))).toEqual({
      resized: { width: 224, height: 224 },
      crop: { left: 0, top: 0, width: 224, height: 224 },
      source: { left: 0, top: 0, width: 640, height: 480 },
    });
    const deit: PreprocessSpec = {
      ...eval224,
      resize: { kind: 'exact-crop', height: 256, width: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' },
    };
    const box = cropBox(640, 480, deit);
    expect(box).toMatchObject({ resized: { width: 256, height: 256 }, crop: { left: 16, top: 16 } });
    expect(box.source).toEqual({ left: 40, top: 30, width: 560, height: 420 });
  });

  it('refuses an empty image and a crop that does not fit', () => {
    expect(() => cropBox(0, 10, eval224)).toThrow('cannot crop a 0×10 image');
    const wide: PreprocessSpec = { ...eval224, resize: { kind: 'exact-crop', height: 100, width: 100, crop: { height: 50, width: 120 }, cropOffset: 'floor' } };
    expect(() => cropBox(640, 480, wide)).toThrow('centre crop 50×120 does not fit in 100×100');
  });
});

/** A 1×2 image: pixel A = (10, 20, 30), pixel B = (200, 100, 50) — preprocess.test.ts's pair. */
const pair = new Float32Array([10, 20, 30, 200, 100, 50]);

async function tfjsNormalize(rgb: Float32Array, height: number, width: number, mode: (typeof PREPROCESSING_MODES)[number]): Promise<number[]> {
  const out = tf.tidy(() => normalize(tf, tf.tensor4d(rgb, [1, height, width, 3]), mode));
  try {
    return Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

describe('applySpec', () => {
  it.each(PREPROCESSING_MODES)('%s preset gives the bits TF.js normalize gives on cpu, on the 1×2 pair and on 4096 random pixels', async (mode) => {
    expect(Array.from(applySpec(pair, 1, 2, presetSpec(mode, [1, 2])))).toEqual(await tfjsNormalize(pair, 1, 2, mode));
    const noise = Float32Array.from({ length: 64 * 64 * 3 }, (_, i) => ((i * 2654435761) % 25600) / 100.39);
    expect(Array.from(applySpec(noise, 64, 64, presetSpec(mode, [64, 64])))).toEqual(await tfjsNormalize(noise, 64, 64, mode));
  });

  it('matches hand-computed values for each preset on the pair', () => {
    const at = (mode: (typeof PREPROCESSING_MODES)[number]) => Array.from(applySpec(pair, 1, 2, presetSpec(mode, [1, 2])));
    expect(at('tf')[0]).toBeCloseTo(10 / 127.5 - 1, 6);
    expect(at('tf')[3]).toBeCloseTo(200 / 127.5 - 1, 6);
    // caffe: BGR order, minus the BGR means: B 30 − 103.939, G 20 − 116.779, R 10 − 123.68
    expect(at('caffe')[0]).toBeCloseTo(-73.939, 4);
    expect(at('caffe')[1]).toBeCloseTo(-96.779, 4);
    expect(at('caffe')[2]).toBeCloseTo(-113.68, 4);
    expect(at('torch')[3]).toBeCloseTo((200 / 255 - 0.485) / 0.229, 5);
    expect(at('unit')[4]).toBeCloseTo(100 / 255, 6);
    expect(at('raw')).toEqual([10, 20, 30, 200, 100, 50]);
  });

  it('NCHW writes one plane per channel, BGR reversing the planes', () => {
    const nchw = { ...presetSpec('raw', [1, 2]), layout: 'nchw' } as const;
    expect(Array.from(applySpec(pair, 1, 2, nchw))).toEqual([10, 200, 20, 100, 30, 50]);
    expect(Array.from(applySpec(pair, 1, 2, { ...nchw, channelOrder: 'bgr' }))).toEqual([30, 50, 20, 100, 10, 200]);
    const torchNchw = Array.from(applySpec(pair, 1, 2, { ...presetSpec('torch', [1, 2]), layout: 'nchw' }));
    expect(torchNchw[1]).toBeCloseTo((200 / 255 - 0.485) / 0.229, 5);
    expect(torchNchw[5]).toBeCloseTo((50 / 255 - 0.406) / 0.225, 5);
  });

  it('uint8 without quantization: raw pixels rounded and clamped, as a quantized uint8 input takes them', () => {
    const rgb = new Float32Array([254.6, 300, -3, 0.5, 127.49, 12]);
    const out = applySpec(rgb, 1, 2, { ...presetSpec('raw', [1, 2]), dtype: 'uint8' });
    expect(out).toBeInstanceOf(Uint8Array);
    expect(Array.from(out)).toEqual([255, 255, 0, 1, 127, 12]);
  });

  it('uint8 with the tensor’s scale and zero point: [-1, 1] floats to q = round(x / scale) + zeroPoint', () => {
    const spec: PreprocessSpec = { ...presetSpec('tf', [1, 2]), dtype: 'uint8', quantization: { scale: 1 / 128, zeroPoint: 128 } };
    // 0 → −1 → 0; 127.5 → 0 → 128; 255 → 1 → 256, clamped to 255; 10 → −0.92157 → round(−117.96) + 128 = 10
    expect(Array.from(applySpec(new Float32Array([0, 127.5, 255, 10, 10, 10]), 1, 2, spec))).toEqual([0, 128, 255, 10, 10, 10]);
  });

  it('int8 clamps to −128..127 and rounds halves away from zero (TFLite’s std::round)', () => {
    const spec: PreprocessSpec = { ...presetSpec('raw', [1, 2]), dtype: 'int8', quantization: { scale: 1, zeroPoint: -128 } };
    const out = applySpec(new Float32Array([0, 255, 300, 2.5, 127.5, 128]), 1, 2, spec);
    expect(out).toBeInstanceOf(Int8Array);
    expect(Array.from(out)).toEqual([-128, 127, 127, -125, 0, 0]);
    const signed: PreprocessSpec = { ...presetSpec('raw', [1, 1]), mean: [0.5, 3, 0], dtype: 'int8' };
    expect(Array.from(applySpec(new Float32Array([0, 0.5, 500]), 1, 1, signed))).toEqual([-1, -3, 127]);
  });

  it('float16 comes back as float32 values for the runtime to pack', () => {
    const out = applySpec(pair, 1, 2, { ...presetSpec('unit', [1, 2]), dtype: 'float16' });
    expect(out).toBeInstanceOf(Float32Array);
    expect(out[0]).toBeCloseTo(10 / 255, 6);
  });

  it('refuses pixels of another size than the spec’s input', () => {
    expect(() => applySpec(pair, 1, 2, presetSpec('tf', [224, 224]))).toThrow("pixels are 1×2 but the spec's input is 224×224");
    expect(() => applySpec(pair.subarray(0, 5), 1, 2, presetSpec('tf', [1, 2]))).toThrow('5 values are not 1×2×3');
  });
});
