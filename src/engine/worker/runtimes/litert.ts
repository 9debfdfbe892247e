/**
 * LiteRT.js (@litertjs/core) behind the runtime seam (runtime.ts), loaded on first use only.
 * LiteRT loads its Emscripten glue with importScripts, which a module worker refuses; so the glue
 * comes in as an ES module (scripts/vite/runtimeFiles.ts) and is handed over as the global
 * `ModuleFactory` LiteRT looks for, with `importScripts` a no-op while it loads and the wasm located
 * at its hashed asset URL. Threads only where the page is cross-origin isolated (the threaded build
 * hangs without SharedArrayBuffer), never more than the pool LiteRT spawns, and per model only
 * when measured faster than one (fasterThreads).
 *
 * LiteRT.js exposes no tensor quantization: a uint8 input takes raw pixels (the model's own input
 * quantization maps them), and a uint8 softmax output, whose zero point is 0, is scaled to sum to 1.
 */
import type * as LiteRtTypes from '@litertjs/core';
import { dequantize, dtypeOf } from '@/shared/models/tensorLayout';
import { readTfliteGraph } from '@/shared/models/tfliteGraph';
import { LumenError } from '@/shared/errors';
import type { TensorSignature } from '@/engine/shared/types';
import type { InferenceRuntime, OpenOptions, RuntimeBatch, RuntimeSession } from './runtime';
import { runtimeThreads } from './threads';
import { tensorsHeld } from './runtimeMemory';

type LiteRt = typeof LiteRtTypes;
interface GlueScope {
  ModuleFactory?: unknown;
  Module?: object;
  importScripts?: unknown;
}

let loading: Promise<{ litert: LiteRt; threads: number }> | null = null;

const absolute = (url: string): string => new URL(url, self.location.href).href;

async function loadGlue(): Promise<{ litert: LiteRt; threads: number }> {
  const litert = await import('@litertjs/core');
  const threaded = runtimeThreads() > 1 && (await litert.supportsFeature('threads'));
  const relaxed = await litert.supportsFeature('relaxedSimd');
  const [factory, glue, wasm] = threaded
    ? await Promise.all([
        import('litert-glue:litert_wasm_threaded_internal'),
        import('@litertjs/core/wasm/litert_wasm_threaded_internal.js?url'),
        import('@litertjs/core/wasm/litert_wasm_threaded_internal.wasm?url'),
      ])
    : relaxed
      ? await Promise.all([
          import('litert-glue:litert_wasm_internal'),
          import('@litertjs/core/wasm/litert_wasm_internal.js?url'),
          import('@litertjs/core/wasm/litert_wasm_internal.wasm?url'),
        ])
      : await Promise.all([
          import('litert-glue:litert_wasm_compat_internal'),
          import('@litertjs/core/wasm/litert_wasm_compat_internal.js?url'),
          import('@litertjs/core/wasm/litert_wasm_compat_internal.wasm?url'),
        ]);
  const scope = self as unknown as GlueScope;
  const ownImportScripts = scope.importScripts;
  scope.ModuleFactory = factory.default;
  // The threaded build's pthreads start from the classic glue script itself.
  scope.Module = { locateFile: () => absolute(wasm.default), ...(threaded ? { mainScriptUrlOrBlob: absolute(glue.default) } : {}) };
  scope.importScripts = () => undefined;
  try {
    await litert.loadLiteRt(absolute(glue.default), threaded ? { threads: true } : {});
  } finally {
    scope.importScripts = ownImportScripts;
  }
  return { litert, threads: threaded ? runtimeThreads() : 1 };
}

function liteRt(): Promise<{ litert: LiteRt; threads: number }> {
  loading ??= loadGlue().catch((error: unknown) => {
    loading = null; // a failed download may succeed on the next try
    throw error;
  });
  return loading;
}

const signatureOf = (details: readonly LiteRtTypes.TensorDetails[]): TensorSignature[] =>
  details.map((d) => ({ name: d.name, dtype: d.dtype, shape: [...d.shape].map((n) => (n < 0 ? null : n)) }));

function scoresOf(data: ArrayLike<number>, dtype: string, name: string): Float32Array {
  const ours = dtypeOf(dtype, 'tflite');
  if (!ours) throw new LumenError('model-invalid', `${name}: its output is ${dtype}, which is not a score Lumen can read.`);
  if (ours === 'float32' || ours === 'float16') return dequantize(data, ours);
  // Quantized softmax: real = scale · q (zero point 0), so q / Σq is the probability.
  const values = dequantize(data, ours);
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Median ms of a few passes on zeros (after one untimed), each until the output is read. */
async function timeModel(litert: LiteRt, model: LiteRtTypes.CompiledModel, runs = 5): Promise<number> {
  const detail = model.getInputDetails()[0];
  const shape = [...(detail?.shape ?? [])].map((d) => Math.max(1, d));
  const size = shape.reduce((a, b) => a * b, 1);
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const input = new litert.Tensor(detail?.dtype === 'uint8' ? new Uint8Array(size) : new Float32Array(size), shape);
    const started = performance.now();
    try {
      const outputs = (await model.run(input)) as LiteRtTypes.Tensor[];
      for (const out of outputs) {
        out.toTypedArray();
        out.delete();
      }
    } finally {
      input.delete();
    }
    if (i > 0) times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Several wasm threads are not always faster (on 2 busy cores they can be slower): both are
 * compiled and timed, and the faster kept, so LiteRT never runs slower than its single-threaded self.
 */
async function fasterThreads(litert: LiteRt, bytes: Uint8Array, threads: number): Promise<{ model: LiteRtTypes.CompiledModel; threads: number; why: string }> {
  const compile = (numThreads: number) => litert.loadAndCompile(bytes, { accelerator: 'wasm', cpuOptions: { numThreads } });
  const several = await compile(threads);
  if (threads <= 1) return { model: several, threads, why: 'one wasm thread: the page is not cross-origin isolated' };
  let one: LiteRtTypes.CompiledModel | null = null;
  try {
    one = await compile(1);
    const [msSeveral, msOne] = [await timeModel(litert, several), await timeModel(litert, one)];
    const why = `measured at load: ${threads} threads ${msSeveral.toFixed(1)} ms, 1 thread ${msOne.toFixed(1)} ms (median of 5)`;
    if (msOne < msSeveral) {
      several.delete();
      return { model: one, threads: 1, why };
    }
    one.delete();
    return { model: several, threads, why };
  } catch (error) {
    one?.delete();
    several.delete();
    throw error;
  }
}

export const litertRuntime: InferenceRuntime = {
  name: 'litert',
  async open(bytes, options: OpenOptions) {
    // LiteRT.js exposes no graph: Inspect's ops and weights are read from the flatbuffer itself,
    // before LiteRT sees it, so a malformed file is refused with what is wrong rather than a wasm abort.
    const graph = readTfliteGraph(bytes, options.name);
    const { litert, threads: pool } = await liteRt();
    const accelerator = options.backend;
    const chosen = accelerator === 'wasm' ? await fasterThreads(litert, bytes, pool) : null;
    const model = chosen?.model ?? (await litert.loadAndCompile(bytes, { accelerator }));
    const threads = chosen?.threads ?? 0;
    const inputs = signatureOf(model.getInputDetails());
    const outputs = signatureOf(model.getOutputDetails());
    const inputDtype = dtypeOf(inputs[0]?.dtype ?? '', 'tflite');
    if (!inputDtype || inputDtype === 'int8' || inputDtype === 'float16') {
      model.delete();
      throw new LumenError('model-invalid', `${options.name}: its first input is ${inputs[0]?.dtype ?? 'missing'}; LiteRT.js feeds float32 or uint8 images.`);
    }
    const session: RuntimeSession = {
      runtime: 'litert',
      backend: accelerator,
      threads,
      threadChoice: chosen?.why ?? null,
      inputs,
      outputs,
      inputDtype,
      async run(batch: RuntimeBatch) {
        const free = (tensor: LiteRtTypes.Tensor): void => {
          tensor.delete();
          tensorsHeld('litert', -1);
        };
        const input = new litert.Tensor(batch.data as LiteRtTypes.TypedArray, batch.dims);
        tensorsHeld('litert', 1);
        let answer: LiteRtTypes.Tensor[] = [];
        let onCpu: LiteRtTypes.Tensor | null = null;
        try {
          answer = (await model.run(input)) as LiteRtTypes.Tensor[];
          tensorsHeld('litert', answer.length);
          const first = answer[0];
          if (!first) throw new LumenError('model-invalid', `${options.name}: the model produced no output`);
          // WebGPU outputs are read back first (moveTo deletes the GPU copy).
          onCpu = accelerator === 'wasm' ? first : await first.moveTo('wasm');
          if (onCpu !== first) {
            answer = answer.slice(1); // moveTo deleted the GPU copy and made the CPU one: the count is unchanged
          }
          const data = onCpu.toTypedArray() as ArrayLike<number>;
          return { values: scoresOf(data, onCpu.type.dtype, options.name), shape: [...onCpu.type.layout.dimensions] };
        } finally {
          free(input);
          for (const tensor of answer) free(tensor);
          if (onCpu && !answer.includes(onCpu)) free(onCpu);
        }
      },
      graph,
      fileBytes: bytes.byteLength,
      dispose: async () => model.delete(),
    };
    return session;
  },
};
