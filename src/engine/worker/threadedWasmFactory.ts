/**
 * Stands in for tfjs-backend-wasm's threaded-SIMD Emscripten factory (the alias is in
 * scripts/vite/threadedWasm.ts). tfjs starts each pthread worker from
 * `"var WasmBackendModuleThreadedSimd = " + factory.toString()`, so the factory's *text* must run
 * on its own. Once bundled and minified it does not: names the minifier moved outside the function
 * are undefined in the thread ("e is not defined", tfjs #4107 / #4253). The main worker still calls
 * the bundled (minified) factory; the threads get the file exactly as published, as a string that
 * no minifier rewrites.
 */
import bundledFactory, { type WasmFactoryConfig } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import publishedSource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';

/** The published file declares `var WasmBackendModuleThreadedSimd`; the expression yields it. */
export const THREAD_FACTORY_SOURCE = `(function () {\n${publishedSource}\nreturn WasmBackendModuleThreadedSimd;\n})()`;

function threadedSimdFactory(config: WasmFactoryConfig): ReturnType<typeof bundledFactory> {
  return bundledFactory(config);
}
threadedSimdFactory.toString = (): string => THREAD_FACTORY_SOURCE;

export default threadedSimdFactory;
