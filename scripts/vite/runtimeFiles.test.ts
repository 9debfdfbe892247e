import { describe, expect, it } from 'vitest';
import { precacheManifest } from './serviceWorker';
import { runtimeFileNames } from './runtimeFiles';

describe('runtime files in the build', () => {
  it("name the runtimes' chunks and binaries assets/runtime-*, ONNX Runtime's .mjs glue as .js", () => {
    const { assetFileNames, chunkFileNames } = runtimeFileNames;
    expect(assetFileNames({ names: ['ort-wasm-simd-threaded.wasm'] })).toBe('assets/runtime-[name]-[hash][extname]');
    expect(assetFileNames({ names: ['ort-wasm-simd-threaded.mjs'] })).toBe('assets/runtime-[name]-[hash].js');
    expect(assetFileNames({ names: ['litert_wasm_internal.wasm'] })).toBe('assets/runtime-[name]-[hash][extname]');
    expect(assetFileNames({ names: ['tfjs-backend-wasm.wasm'] })).toBe('assets/[name]-[hash][extname]');
    expect(chunkFileNames({ moduleIds: ['/x/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs'] })).toBe('assets/runtime-[name]-[hash].js');
    expect(chunkFileNames({ moduleIds: ['\0litert-glue:litert_wasm_internal'] })).toBe('assets/runtime-[name]-[hash].js');
    // A chunk that mixes app code in is the app's.
    expect(chunkFileNames({ moduleIds: ['/x/node_modules/onnxruntime-web/dist/ort.mjs', '/x/src/engine/worker/runtimes/ort.ts'] })).toBe(
      'assets/[name]-[hash].js',
    );
  });

  it('are left out of the precache', () => {
    const emitted = new Map<string, string>([
      ['index.html', '<html>'],
      ['assets/index-abc.js', 'app'],
      ['assets/runtime-ort-wasm-simd-threaded-abc.wasm', 'wasm'],
    ]);
    expect(precacheManifest(emitted, '/nonexistent-public').entries.map((e) => e.url)).toEqual(['assets/index-abc.js', 'index.html']);
  });
});
