import { describe, expect, it } from 'vitest';
import { customSpec, type CustomModelInput } from './customSpec';
import { blankRuntimeFacts } from '@/shared/models/runtimeDrop';

const input = (extra: Partial<CustomModelInput> = {}): CustomModelInput => ({
  sourceKey: 'url:https://example.org/model.onnx',
  name: 'm',
  facts: blankRuntimeFacts('onnx'),
  settings: { inputSize: [224, 224], preprocessing: 'torch', output: 'logits', classes: 3 },
  modelUrl: 'https://example.org/model.onnx',
  labelsUrl: null,
  ...extra,
});

describe('customSpec', () => {
  it("carries the model's centre crop, and keys it apart from the same model resized straight", () => {
    const cropped = customSpec(input({ centerCrop: { shortestEdge: 256, offset: 'floor' } }));
    const straight = customSpec(input());
    expect(cropped.centerCrop).toEqual({ shortestEdge: 256, offset: 'floor' });
    expect(straight.centerCrop).toBeUndefined();
    expect(cropped.id).toBe(straight.id);
    expect(cropped.key).not.toBe(straight.key);
  });
});
