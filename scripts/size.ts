/**
 * `npm run size [-- DIST]`: gzip sizes (zlib default level) of what a visitor downloads before the
 * first result, from a built dist/ (run `npm run build` first). Figures are printed, never asserted.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startupSizes, type SizedFile } from './size/size';

const dist = resolve(process.argv[2] ?? 'dist');
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`size: no ${dist}/index.html; run \`npm run build\` first`);
  process.exit(1);
}
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const sum = (files: readonly SizedFile[], key: 'bytes' | 'gzip'): number => files.reduce((s, f) => s + f[key], 0);
const sizes = startupSizes(dist);
const lines: string[] = [];
const group = (title: string, files: readonly SizedFile[]): void => {
  lines.push(`${title}: ${kb(sum(files, 'gzip'))} gzip (${kb(sum(files, 'bytes'))} raw)`);
  for (const f of files) lines.push(`  ${f.file.padEnd(56)} ${kb(f.gzip).padStart(10)} gzip ${kb(f.bytes).padStart(10)} raw`);
};
group('entry JS (index.html scripts + static imports)', sizes.entry);
group('worker JS', sizes.worker);
group('wasm binaries (one is fetched, only when the wasm backend runs)', sizes.wasm);
group('CSS', sizes.css);
group('lazy JS (fetched when a view or feature needs it)', sizes.lazy);
const simd = sizes.wasm.find((f) => /wasm-simd-/.test(f.file));
const threaded = sizes.wasm.find((f) => /threaded-simd/.test(f.file));
const js = sum(sizes.entry, 'gzip') + sum(sizes.worker, 'gzip');
lines.push('', `before the first result: entry + worker JS = ${kb(js)} gzip`);
if (simd) lines.push(`  + ${simd.file} (wasm backend, not isolated) = ${kb(js + simd.gzip)} gzip`);
if (threaded) lines.push(`  + ${threaded.file} (wasm backend, cross-origin isolated) = ${kb(js + threaded.gzip)} gzip`);
console.log(lines.join('\n'));
