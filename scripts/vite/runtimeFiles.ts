/**
 * Build plumbing for the inference runtimes beside TF.js (src/engine/worker/runtimes/):
 * - `litertGlue()`: LiteRT.js loads its Emscripten glue with importScripts, which a module worker
 *   does not allow. `litert-glue:<name>` imports that glue as an ES module (the classic script with
 *   `export default ModuleFactory` appended), so litert.ts hands the factory to LiteRT itself.
 * - `runtimeFileNames`: the runtimes' chunks and wasm go to `assets/runtime-*`, which the service
 *   worker keeps at first use instead of precaching (src/sw/serviceWorkerRules.ts): tens of MB a
 *   person who never opens an ONNX or TFLite model never downloads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const PREFIX = 'litert-glue:';
const UMD_TAIL = '// Export using a UMD style export';
const require = createRequire(import.meta.url);

export function litertGlue(): Plugin {
  return {
    name: 'lumen-litert-glue',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      if (!/^litert_wasm_[a-z_]+$/.test(name)) throw new Error(`unknown LiteRT glue ${name}`);
      const path = require.resolve('@litertjs/core/package.json').replace(/package\.json$/, `wasm/${name}.js`);
      // Its UMD tail (module.exports) and its Node-only require()s are never reached in a browser;
      // a local `require` and the tail cut keep the bundler from treating the file as CommonJS.
      const glue = readFileSync(path, 'utf8').split(UMD_TAIL)[0];
      return `const require = () => { throw new Error('LiteRT glue: require is Node-only'); };\n${glue}\nexport default ModuleFactory;\n`;
    },
  };
}

const RUNTIME_MODULE = /node_modules\/(onnxruntime-web|onnxruntime-common|@litertjs)\/|\0litert-glue:/;
const RUNTIME_ASSET = /^(ort-wasm|litert_wasm)/;

/** Rollup output names: the runtimes' own chunks and binaries under assets/runtime-. */
export const runtimeFileNames = {
  chunkFileNames: (chunk: { moduleIds: readonly string[] }): string =>
    chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => RUNTIME_MODULE.test(id)) ? 'assets/runtime-[name]-[hash].js' : 'assets/[name]-[hash].js',
  // ONNX Runtime's .mjs glue is emitted as .js: static hosts that know no .mjs type would serve it
  // as application/octet-stream, which a module import refuses.
  assetFileNames: (asset: { names: readonly string[] }): string => {
    if (!asset.names.some((name) => RUNTIME_ASSET.test(name))) return 'assets/[name]-[hash][extname]';
    return asset.names.some((name) => name.endsWith('.mjs')) ? 'assets/runtime-[name]-[hash].js' : 'assets/runtime-[name]-[hash][extname]';
  },
};
