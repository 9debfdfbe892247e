/**
 * The single place that imports TF.js and registers every backend, so the rest of the worker
 * shares one instance. The wasm binaries are emitted by Vite as assets (`?url`) and handed to the
 * backend explicitly: the page may live under any CDN sub-path.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { wasmThreadsHere } from './wasmThreads';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// The threaded build runs when the page is cross-origin isolated (tfjs probes SharedArrayBuffer);
// its pthreads survive minification thanks to threadedWasmFactory.ts. Otherwise: one thread.
// The worker's name may ask for another count (the measured choice: wasmThreadsHere).
const WASM_THREADS = wasmThreadsHere();
setThreadsCount(WASM_THREADS);

/**
 * Runs the wasm backend's start-up. Its C++ side caps the pool at navigator.hardwareConcurrency / 2
 * (it assumes two hardware threads per core), read once as the module starts, so setThreadsCount
 * alone leaves a 2-core machine on one thread. While it starts, this worker's navigator reports
 * twice WASM_THREADS; the page's own navigator is untouched and the override is removed after.
 */
export async function startingWasm<T>(start: () => Promise<T>): Promise<T> {
  Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: WASM_THREADS * 2, configurable: true });
  try {
    return await start();
  } finally {
    Reflect.deleteProperty(self.navigator, 'hardwareConcurrency');
  }
}

/** Threads the wasm backend runs with: 1 when single-threaded, 0 while wasm is not the backend. */
export function wasmThreadsInUse(): number {
  return tf.getBackend() === 'wasm' ? getThreadsCount() : 0;
}

export { tf };
