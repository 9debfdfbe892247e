/**
 * tfjs-backend-wasm imports its threaded-SIMD factory as '../wasm-out/tfjs-backend-wasm-threaded-simd.js';
 * this alias hands it src/engine/worker/threadedWasmFactory.ts instead, whose toString() is the published
 * file, so pthreads work in the minified production build. The stand-in imports the real file by
 * its package path, which this relative-specifier pattern does not match.
 */
import { resolve } from 'node:path';
import type { Alias } from 'vite';

export const threadedWasmFactoryAlias: Alias = {
  find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/,
  replacement: resolve(import.meta.dirname, '../../src/engine/worker/threadedWasmFactory.ts'),
};
