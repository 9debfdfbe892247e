import { describe, expect, it } from 'vitest';
import { toInputDtype } from './runtimeModel';
import { float16ToNumber } from '@/shared/models/tensorLayout';
import { fetchLabels } from '@/engine/worker/labels';
import { tinySpec } from '@/testing/tinyModels';

describe('toInputDtype', () => {
  const pixels = Float32Array.from([0, 1.4, 127.5, 254.6, 300, -3]);

  it('keeps float32 as it is, and float16 as half-precision bits of the same values', () => {
    expect(toInputDtype(pixels, 'float32', undefined)).toBe(pixels);
    const half = toInputDtype(Float32Array.from([0.5, -1, 0.1]), 'float16', undefined);
    expect(half).toBeInstanceOf(Uint16Array);
    expect(Array.from(half as Uint16Array, float16ToNumber)).toEqual([0.5, -1, expect.closeTo(0.1, 3)]);
  });

  it('rounds and clamps raw pixels into uint8 when the input states no quantization', () => {
    expect(Array.from(toInputDtype(pixels, 'uint8', undefined))).toEqual([0, 1, 128, 255, 255, 0]);
  });

  it("quantizes with the input's own scale and zero point", () => {
    const input = { name: 'x', dtype: 'int8', shape: [], quantization: { scale: 1 / 128, zeroPoint: 0 } };
    expect(Array.from(toInputDtype(Float32Array.from([-1, 0, 0.5, 0.999, 2]), 'int8', input))).toEqual([-128, 0, 64, 127, 127]);
  });
});

describe('fetchLabels', () => {
  it("reads a Hugging Face config.json's id2label", async () => {
    const id2label = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [String(i), i === 0 ? 'tench, Tinca tinca' : `class_${i}`]));
    const config = JSON.stringify({ architectures: ['MobileNetV2ForImageClassification'], id2label, label2id: {} });
    const spec = { ...tinySpec({ id: 'hf', name: 'HF' }), classes: 1000 as const, labelsUrl: 'https://hub.example/config.json' };
    const labels = await fetchLabels(spec, async () => new Response(config));
    expect(labels).toHaveLength(1000);
    expect(labels[0]).toBe('tench, Tinca tinca');
    expect(labels[999]).toBe('class 999');
  });
});
