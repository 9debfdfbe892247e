/**
 * Parallel shader compilation for the warm-up pass (issue 9 item 3, as the TF.js maintainers
 * advise in tfjs#7768). One forward pass runs with the backend's compile-only flag: every shader
 * program is created and handed to the driver, nothing runs. WebGL drivers with
 * KHR_parallel_shader_compile (and WebGPU's createComputePipelineAsync) compile them side by side;
 * checkCompileCompletionAsync waits for all of them without blocking the thread. The real warm-up
 * pass then finds every program ready.
 *
 * NOT CALLED: measured with the app's own warm-up (ModelInfo.warmupMs, `npm run eval -- --model
 * mobilenet_v2_100_224 --backend B --limit 2`, fresh Chromium each, SwiftShader, 2 runs) it made
 * warm-up slower here: WebGL 2996 / 2921 ms → 3833 / 4244 ms, WebGPU 5972 / 5800 ms → 9934 / 7266 ms.
 * SwiftShader compiles on the same two busy cores, so the compile-only pass is pure extra work. To
 * try it on a hardware GPU: `await precompile(() => forward(zeros))` before the warm-up pass in
 * models.ts loadModel, and keep it only if warm-up drops there.
 */
import { tf } from './tfjs';

type CompileFlag = 'ENGINE_COMPILE_ONLY' | 'WEBGPU_ENGINE_COMPILE_ONLY';

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<unknown>;
  /** WebGL only: uniform locations are looked up once the programs have linked. */
  getUniformLocations?(): void;
}

export function compileOnlyFlag(backend: string): CompileFlag | null {
  if (backend === 'webgl') return 'ENGINE_COMPILE_ONLY';
  if (backend === 'webgpu') return 'WEBGPU_ENGINE_COMPILE_ONLY';
  return null;
}

function compiling(backend: unknown): backend is CompilingBackend {
  return typeof (backend as Partial<CompilingBackend> | null)?.checkCompileCompletionAsync === 'function';
}

/**
 * Compiles every program `pass` would run, in parallel, without running it. Returns false (and
 * changes nothing) on a backend without shaders. The flag is always reset, so a pass that cannot
 * run compile-only (a graph that reads data mid-way) only costs the attempt: the real warm-up
 * compiles whatever is left the usual way.
 */
export async function precompile(pass: () => Promise<tf.Tensor>): Promise<boolean> {
  const flag = compileOnlyFlag(tf.getBackend());
  const backend = tf.backend();
  if (!flag || !compiling(backend)) return false;
  tf.env().set(flag, true);
  try {
    tf.dispose(await pass());
  } catch {
    return false;
  } finally {
    tf.env().set(flag, false);
  }
  await backend.checkCompileCompletionAsync();
  backend.getUniformLocations?.();
  return true;
}
