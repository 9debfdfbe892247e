/**
 * What a visitor downloads before the first result, read from a built dist/: the JS index.html
 * loads (its module scripts, their modulepreloads and static imports), the worker bundle the page
 * starts, and the wasm binaries the worker may fetch. Chunks reached only through import() are lazy.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  /** Path relative to the dist folder. */
  file: string;
  bytes: number;
  gzip: number;
}

export interface StartupSizes {
  /** index.html's module scripts and everything they import statically (modulepreloaded or not). */
  entry: SizedFile[];
  /** The worker bundle and its static imports. */
  worker: SizedFile[];
  wasm: SizedFile[];
  css: SizedFile[];
  /** JS fetched only when a lazy view or feature is opened. */
  lazy: SizedFile[];
}

export function sized(dist: string, path: string): SizedFile {
  const bytes = readFileSync(path);
  return { file: relative(dist, path), bytes: bytes.length, gzip: gzipSync(bytes).length };
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];

/** Static imports (`import … from "./x.js"`, `import "./x.js"`, re-exports) of a built ES chunk. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) found.add(m[1] ?? '');
  found.delete('');
  return [...found];
}

/** `import("./x.js")` targets (including Vite's preload-wrapped form). */
export function dynamicImports(code: string): string[] {
  return [...new Set([...code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/** Worker scripts a chunk starts: `new Worker(new URL("x.js", import.meta.url))`, possibly nested in another new URL(). */
export function workerScripts(code: string): string[] {
  return [...new Set([...code.matchAll(/new (?:Shared)?Worker\(\s*(?:new URL\(\s*)+["'`]([^"'`]+\.js)["'`]/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/** `files` plus every chunk they import statically, resolved against each importer's folder. */
function closure(files: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dep of staticImports(readFileSync(file, 'utf8'))) queue.push(resolve(dirname(file), dep));
  }
  return [...seen];
}

export function startupSizes(dist: string): StartupSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  const local = (url: string | undefined): string | undefined => (url && !/^[a-z]+:/i.test(url) ? resolve(dist, url.replace(/^\//, '')) : undefined);
  const scripts = tags.filter((t) => t.startsWith('<script') && attr(t, 'type') === 'module').map((t) => local(attr(t, 'src')));
  const preloads = tags.filter((t) => attr(t, 'rel') === 'modulepreload').map((t) => local(attr(t, 'href')));
  const css = tags.filter((t) => attr(t, 'rel') === 'stylesheet').map((t) => local(attr(t, 'href')));
  const entry = closure([...scripts, ...preloads].filter((f): f is string => f !== undefined));
  const workerRoots = entry.flatMap((f) => workerScripts(readFileSync(f, 'utf8')).map((w) => resolve(dirname(f), w)));
  const worker = closure(workerRoots).filter((f) => !entry.includes(f));
  const assets = join(dist, 'assets');
  const all = readdirSync(assets).map((f) => join(assets, f));
  const startup = new Set([...entry, ...worker]);
  return {
    entry: entry.map((f) => sized(dist, f)),
    worker: worker.map((f) => sized(dist, f)),
    wasm: all.filter((f) => f.endsWith('.wasm')).map((f) => sized(dist, f)),
    css: css.filter((f): f is string => f !== undefined).map((f) => sized(dist, f)),
    lazy: all.filter((f) => f.endsWith('.js') && !startup.has(f)).map((f) => sized(dist, f)),
  };
}
