import { describe, expect, it } from 'vitest';
import type { CatalogModel } from './catalog';
import { choosableMembers, familyMembers, memberOnRuntime, membersOfFamily } from './family';

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

describe('choosableMembers', () => {
  const scored = (id: string, format: CatalogModel['format'], top1?: number): CatalogModel =>
    ({ id, format, family: 'mnv2', ...(top1 === undefined ? {} : { accuracy: { top1, top5: 0.96 } }) }) as CatalogModel;

  it('offers one member per other runtime whose top-1 is within half a point of the first entry, installed here', () => {
    const models = [scored('mnv2', 'graph', 0.85), scored('mnv2_onnx', 'onnx', 0.85), scored('hf_mnv2', 'onnx', 0.85), scored('mnv2_tflite', 'tflite', 0.845)];
    expect(choosableMembers(models, 'mnv2', () => true).map((m) => m.id)).toEqual(['mnv2_onnx', 'mnv2_tflite']);
    // Not installed: the next member on that runtime stands in.
    expect(choosableMembers(models, 'mnv2', (m) => m.id !== 'mnv2_onnx').map((m) => m.id)).toEqual(['hf_mnv2', 'mnv2_tflite']);
  });

  it('leaves out a member more than half a point behind, one with no measured accuracy, and any model without a family', () => {
    const models = [scored('mnv2', 'graph', 0.85), scored('mnv2_onnx', 'onnx'), scored('mnv2_tflite', 'tflite', 0.844)];
    expect(choosableMembers(models, 'mnv2', () => true)).toEqual([]);
    expect(choosableMembers(MODELS, 'resnet', () => true)).toEqual([]);
    // No reference figure on the first entry: nothing to compare against.
    expect(choosableMembers([scored('mnv2', 'graph'), scored('mnv2_onnx', 'onnx', 0.85)], 'mnv2', () => true)).toEqual([]);
  });
});
