import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { withTorchInput } from './onnxTorchWrap';
import { readOnnxGraph, readOnnxSignature } from '@/shared/models/onnxOps';
import { describeShared, itShared } from './sharedSuite';
import { sharedModel } from './shared';

const HF = resolve(sharedModel('hf_mobilenet_v2_100_224'), 'onnx/model.onnx');

describeShared('withTorchInput (test data: a PyTorch-style ONNX)', { paths: [HF] }, () => {
  itShared(
    'keeps the signature and adds the two nodes first, with their six weights (that it classifies right is e2e/custom-runtimes.spec.ts)',
    { paths: [HF] },
    () => {
      const original = new Uint8Array(readFileSync(HF));
      const wrapped = withTorchInput(original);
      expect(readOnnxSignature(wrapped)?.inputs).toEqual(readOnnxSignature(original)?.inputs);
      const nodes = readOnnxGraph(wrapped)?.nodes ?? [];
      expect(nodes.slice(0, 2).map((n) => n.type)).toEqual(['Mul', 'Add']);
      expect(nodes.length).toBe((readOnnxGraph(original)?.nodes.length ?? 0) + 2);
      expect(readOnnxGraph(wrapped)?.parameters).toBe((readOnnxGraph(original)?.parameters ?? 0) + 6);
    },
  );
});
