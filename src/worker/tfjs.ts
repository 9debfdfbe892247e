/**
 * The single place that imports TF.js and registers every backend, so the rest of the worker
 * shares one instance. The wasm binaries are emitted by Vite as assets (`?url`) and handed to the
 * backend explicitly: the page may live under any CDN sub-path.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// Threaded wasm breaks in minified builds under COOP/COEP (setBackend never resolves), and the
// single-threaded SIMD build is as fast on small machines. Measured in ../shared/BROWSER.md.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export { tf };
