/** What the header says runs the models: derived from the backend the engine started, never assumed. */
import { assertNever } from '@/shared/assertNever';
import type { EngineInfo } from '@/engine/shared/types';

/** A GPU backend on a software adapter or renderer (SwiftShader): the GPU is emulated on the CPU. */
export const isEmulated = (engine: EngineInfo): boolean => Boolean(engine.adapter?.isFallbackAdapter) || /swiftshader/i.test(engine.webglRenderer ?? '');

/** "on your GPU", "on your CPU", "on your CPU (emulated GPU)"; neutral until the engine is up. */
export function runsOn(engine: EngineInfo | null): string {
  if (!engine) return 'in your browser';
  const { backend } = engine;
  switch (backend) {
    case 'webgpu':
    case 'webgl':
      return isEmulated(engine) ? 'on your CPU (emulated GPU)' : 'on your GPU';
    case 'wasm':
    case 'cpu':
      return 'on your CPU';
    default:
      return assertNever(backend);
  }
}
