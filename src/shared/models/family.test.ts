import { describe, expect, it } from 'vitest';
import type { CatalogModel } from './catalog';
import { familyMembers, memberOnRuntime, membersOfFamily } from './family';

const entry = (id: string, format: CatalogModel['format'], family?: string): CatalogModel => ({ id, format, ...(family ? { family } : {}) }) as CatalogModel;

const MODELS = [
  entry('mnv2', 'graph', 'mnv2'),
  entry('resnet', 'layers'),
  entry('mnv2_onnx', 'onnx', 'mnv2'),
  entry('hf_mnv2', 'onnx', 'mnv2'),
  entry('mnv2_tflite', 'tflite', 'mnv2'),
];

describe('families', () => {
  it('lists a model first, then the rest of its family; a model without one is alone', () => {
    expect(familyMembers(MODELS, 'hf_mnv2').map((m) => m.id)).toEqual(['hf_mnv2', 'mnv2', 'mnv2_onnx', 'mnv2_tflite']);
    expect(familyMembers(MODELS, 'resnet').map((m) => m.id)).toEqual(['resnet']);
    expect(familyMembers(MODELS, 'nope')).toEqual([]);
    expect(membersOfFamily(MODELS, 'mnv2').map((m) => m.id)).toEqual(['mnv2', 'mnv2_onnx', 'hf_mnv2', 'mnv2_tflite']);
  });

  it('picks the member on a runtime: the model itself, else the first usable one, else none', () => {
    expect(memberOnRuntime(MODELS, 'mnv2', 'tfjs')?.id).toBe('mnv2');
    expect(memberOnRuntime(MODELS, 'mnv2', 'ort')?.id).toBe('mnv2_onnx');
    expect(memberOnRuntime(MODELS, 'mnv2', 'ort', (m) => m.id !== 'mnv2_onnx')?.id).toBe('hf_mnv2');
    expect(memberOnRuntime(MODELS, 'mnv2_onnx', 'litert')?.id).toBe('mnv2_tflite');
    expect(memberOnRuntime(MODELS, 'resnet', 'ort')).toBeNull();
  });
});
