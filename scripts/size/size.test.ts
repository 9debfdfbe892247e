/** The chunk-graph readers behind `npm run size`, on minified output shaped like Vite/rolldown's. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamicImports, startupSizes, staticImports, workerScripts } from './size';

describe('chunk references', () => {
  it('tells static imports from import() and finds the worker a chunk starts', () => {
    const code =
      'import{a as t}from"./client-A1.js";import"./side-B2.js";export{x}from"./re-C3.js";' +
      'const V=()=>import("./BenchmarkPanel-D4.js");new Worker(new URL(new URL(`index-E5.js`,import.meta.url).href,import.meta.url),{type:`module`})';
    expect(staticImports(code).sort()).toEqual(['./client-A1.js', './re-C3.js', './side-B2.js']);
    expect(dynamicImports(code)).toEqual(['./BenchmarkPanel-D4.js']);
    expect(workerScripts(code)).toEqual(['index-E5.js']);
  });

  it('sorts a built dist/ into entry, worker, wasm, css and lazy', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'lumen-size-'));
    try {
      await mkdir(join(dist, 'assets'));
      await writeFile(
        join(dist, 'index.html'),
        '<script type="module" crossorigin src="./assets/main-1.js"></script><link rel="stylesheet" href="./assets/main-1.css">',
      );
      await writeFile(join(dist, 'assets/main-1.js'), 'import"./shared-2.js";import("./Lazy-3.js");');
      await writeFile(join(dist, 'assets/shared-2.js'), 'new Worker(new URL("worker-4.js",import.meta.url))');
      await writeFile(join(dist, 'assets/Lazy-3.js'), 'export const x=1');
      await writeFile(join(dist, 'assets/worker-4.js'), 'self.onmessage=()=>0');
      await writeFile(join(dist, 'assets/tfjs-backend-wasm-simd-5.wasm'), Buffer.alloc(100));
      await writeFile(join(dist, 'assets/main-1.css'), 'body{}');
      const sizes = startupSizes(dist);
      const names = (list: { file: string }[]): string[] => list.map((f) => f.file).sort();
      expect(names(sizes.entry)).toEqual(['assets/main-1.js', 'assets/shared-2.js']);
      expect(names(sizes.worker)).toEqual(['assets/worker-4.js']);
      expect(names(sizes.lazy)).toEqual(['assets/Lazy-3.js']);
      expect(names(sizes.wasm)).toEqual(['assets/tfjs-backend-wasm-simd-5.wasm']);
      expect(names(sizes.css)).toEqual(['assets/main-1.css']);
      expect(sizes.wasm[0]?.gzip).toBeLessThan(100); // zeros compress
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
