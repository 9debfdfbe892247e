/**
 * ONNX Runtime Web behind the runtime seam (runtime.ts). Loaded on first use only: a person who
 * never opens an ONNX model never downloads it. Two builds, each with its own wasm binary emitted by
 * Vite as a hashed asset (never a CDN): the wasm-only one for the wasm backend, and the WebGPU one
 * (its execution provider needs the asyncify binary) when the engine runs on WebGPU.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { dequantize, dtypeOf, float16ToNumber } from '@/shared/models/tensorLayout';
import { LumenError } from '@/shared/errors';
import type { TensorSignature } from '@/engine/shared/types';
import type { InferenceRuntime, OpenOptions, RuntimeBatch, RuntimeSession } from './runtime';
import { readOnnxGraph } from '@/shared/models/onnxOps';
import { runtimeThreads } from './threads';
import { tensorsHeld } from './runtimeMemory';

type Ort = typeof OrtTypes;

/** One promise per build: its module, with the wasm paths and thread count set before first use. */
const builds = new Map<OpenOptions['backend'], Promise<Ort>>();

async function loadBuild(backend: OpenOptions['backend']): Promise<Ort> {
  if (backend === 'webgpu') {
    const [ort, mjs, wasm] = await Promise.all([
      import('onnxruntime-web/webgpu'),
      import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url'),
      import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url'),
    ]);
    return configured(ort, mjs.default, wasm.default);
  }
  const [ort, mjs, wasm] = await Promise.all([
    import('onnxruntime-web/wasm'),
    import('onnxruntime-web/ort-wasm-simd-threaded.mjs?url'),
    import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url'),
  ]);
  return configured(ort, mjs.default, wasm.default);
}

function configured(ort: Ort, mjs: string, wasm: string): Ort {
  // Absolute: the worker's own URL is the base, wherever (under whatever sub-path) the app is hosted.
  ort.env.wasm.wasmPaths = { mjs: new URL(mjs, self.location.href).href, wasm: new URL(wasm, self.location.href).href };
  ort.env.wasm.numThreads = runtimeThreads();
  // Already in a worker: ORT's own proxy worker would only add a hop.
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return ort;
}

function ortBuild(backend: OpenOptions['backend']): Promise<Ort> {
  let build = builds.get(backend);
  if (!build) {
    build = loadBuild(backend);
    builds.set(backend, build);
    build.catch(() => builds.delete(backend)); // a failed download may succeed on the next try
  }
  return build;
}

function signatureOf(meta: readonly OrtTypes.InferenceSession.ValueMetadata[], names: readonly string[]): TensorSignature[] {
  return names.map((name) => {
    const m = meta.find((v) => v.name === name);
    if (!m?.isTensor) return { name, dtype: 'unknown', shape: [] };
    return { name, dtype: m.type, shape: m.shape.map((d) => (typeof d === 'number' && d < 0 ? null : d)) };
  });
}

function scoresOf(tensor: OrtTypes.Tensor, name: string): Float32Array {
  const dtype = dtypeOf(tensor.type, 'onnx');
  if (!dtype) throw new LumenError('model-invalid', `${name}: its output is ${tensor.type}, which is not a score Lumen can read.`);
  const data = tensor.data as Float32Array | Uint8Array | Int8Array | Uint16Array;
  // ONNX Runtime hands float16 as raw bits in a Uint16Array.
  if (dtype === 'float16') return Float32Array.from(data as Uint16Array, float16ToNumber);
  return dequantize(data, dtype);
}

const TENSOR_TYPE = { float32: 'float32', float16: 'float16', uint8: 'uint8', int8: 'int8' } as const;

export const ortRuntime: InferenceRuntime = {
  name: 'ort',
  async open(bytes, options) {
    const ort = await ortBuild(options.backend);
    const graph = readOnnxGraph(bytes);
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: [options.backend],
      graphOptimizationLevel: 'all',
    });
    const inputs = signatureOf(session.inputMetadata, session.inputNames);
    const outputs = signatureOf(session.outputMetadata, session.outputNames);
    const inputName = session.inputNames[0];
    const outputName = session.outputNames[0];
    const inputDtype = dtypeOf(inputs[0]?.dtype ?? '', 'onnx');
    if (!inputName || !outputName || !inputDtype) {
      await session.release();
      throw new LumenError(
        'model-invalid',
        `${options.name}: its first input is ${inputs[0]?.dtype ?? 'missing'}; an image classifier takes float32, float16, uint8 or int8 pixels.`,
      );
    }
    const result: RuntimeSession = {
      runtime: 'ort',
      backend: options.backend,
      threads: options.backend === 'wasm' ? (ort.env.wasm.numThreads ?? 1) : 0,
      // ONNX Runtime Web sizes its thread pool once per worker (env.wasm.numThreads, no per-session
      // option): the measured choice times the other count in a probe worker (app/backendChoice/threadProbe.ts).
      threadChoice:
        options.backend === 'wasm'
          ? "fixed per worker, as TF.js wasm's (one unless cross-origin isolated); the measured choice times one thread against several"
          : null,
      inputs,
      outputs,
      inputDtype,
      async run(batch: RuntimeBatch) {
        const input = new ort.Tensor(TENSOR_TYPE[inputDtype], batch.data, batch.dims);
        tensorsHeld('ort', 1);
        let output: OrtTypes.Tensor | undefined;
        try {
          const answer = await session.run({ [inputName]: input });
          tensorsHeld('ort', Object.keys(answer).length);
          output = answer[outputName];
          // Outputs Lumen does not read are freed at once too.
          for (const [name, tensor] of Object.entries(answer)) {
            if (name === outputName) continue;
            tensor.dispose();
            tensorsHeld('ort', -1);
          }
          if (!output) throw new LumenError('model-invalid', `${options.name}: the model produced no "${outputName}" output`);
          return { values: scoresOf(output, options.name), shape: [...output.dims] };
        } finally {
          input.dispose();
          output?.dispose();
          tensorsHeld('ort', output ? -2 : -1);
        }
      },
      graph,
      fileBytes: bytes.byteLength,
      dispose: () => session.release(),
    };
    return result;
  },
};
