/**
 * A model of any format, on the runtime its format needs: TF.js graph and layers models
 * (models.ts), ONNX on ONNX Runtime Web and TFLite on LiteRT.js (runtimes/). The other runtimes
 * follow the engine's backend: WebGPU where the engine runs on WebGPU, their wasm build otherwise.
 */
import { tf } from './tfjs';
import { loadModel, type LoadedModel } from './models';
import { loadRuntimeModel } from './runtimes/runtimeModel';
import { ortRuntime } from './runtimes/ort';
import { litertRuntime } from './runtimes/litert';
import type { OpenOptions } from './runtimes/runtime';
import { assertNever } from '@/shared/assertNever';
import { runtimeOfFormat, type ModelSpec, type Notice } from '@/engine/shared/types';

/** The other runtimes' backend for the engine's TF.js backend. */
export function runtimeBackendFor(tfBackend: string): OpenOptions['backend'] {
  return tfBackend === 'webgpu' ? 'webgpu' : 'wasm';
}

export function loadAnyModel(spec: ModelSpec, onProgress: (fraction: number) => void, onNotice: (notice: Notice) => void): Promise<LoadedModel> {
  const runtime = runtimeOfFormat(spec.format);
  const options = { backend: runtimeBackendFor(tf.getBackend()), onProgress, onNotice };
  switch (runtime) {
    case 'tfjs':
      return loadModel(spec, onProgress, onNotice);
    case 'ort':
      return loadRuntimeModel(spec, { ...options, runtime: ortRuntime });
    case 'litert':
      return loadRuntimeModel(spec, { ...options, runtime: litertRuntime });
    default:
      return assertNever(runtime, 'runtime');
  }
}
