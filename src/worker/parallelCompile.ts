/**
 * Warm-up with parallel shader compilation, as the TF.js maintainers advise (tfjs#7768): one pass
 * in compile-only mode hands every program of the model to the driver without running it
 * (WebGL: ENGINE_COMPILE_ONLY, compiled concurrently where KHR_parallel_shader_compile exists;
 * WebGPU: WEBGPU_ENGINE_COMPILE_ONLY, createComputePipelineAsync), then waits for all of them
 * (checkCompileCompletionAsync) before the ordinary warm-up pass runs on compiled programs.
 * Anything unexpected (a kernel that reads data back mid-graph) resets the flag and leaves
 * compilation to the ordinary pass, exactly as before.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type TF = typeof tfTypes;

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<unknown>;
  /** WebGL only: after compile-only, the programs' uniform locations and VAOs must be looked up. */
  getUniformLocations?(): void;
}

const FLAG = { webgl: 'ENGINE_COMPILE_ONLY', webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY' } as const;

export interface CompileOutcome {
  /** 'parallel' when compile-only ran and completed; else why not. */
  mode: 'parallel' | 'not-a-gpu-backend' | 'failed';
  ms: number;
  detail: string | null;
}

export async function compileInParallel(
  tf: TF,
  forward: (input: tfTypes.Tensor4D) => Promise<tfTypes.Tensor>,
  input: tfTypes.Tensor4D,
): Promise<CompileOutcome> {
  const started = performance.now();
  const name = tf.getBackend();
  if (name !== 'webgl' && name !== 'webgpu') return { mode: 'not-a-gpu-backend', ms: 0, detail: null };
  const backend = tf.backend() as unknown as Partial<CompilingBackend>;
  if (typeof backend.checkCompileCompletionAsync !== 'function') return { mode: 'failed', ms: 0, detail: 'this TF.js backend cannot compile ahead' };
  const flag = FLAG[name];
  tf.env().set(flag, true);
  try {
    // In compile-only mode outputs hold no data: dispose them unread.
    const out = await forward(input);
    out.dispose();
    await backend.checkCompileCompletionAsync();
    backend.getUniformLocations?.();
    return { mode: 'parallel', ms: performance.now() - started, detail: null };
  } catch (error) {
    return { mode: 'failed', ms: performance.now() - started, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    tf.env().set(flag, false);
  }
}
