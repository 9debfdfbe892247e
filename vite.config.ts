import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/vite/serviceWorker';
import { threadedWasmFactoryAlias } from './scripts/vite/threadedWasm';

const CATALOG = resolve(import.meta.dirname, 'public/models/catalog.json');

/** `@/…` is the source root (tsconfig.base.json's one path alias); vitest.config.ts uses the same. */
export const SOURCE_ROOT_ALIAS = { find: /^@\//, replacement: `${resolve(import.meta.dirname, 'src')}/` };

/** Origins the app fetches hosted catalog models and their absolute labels URLs from, sorted. */
export function hostedOrigins(catalogJson: unknown): string[] {
  const models = (catalogJson as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) throw new Error('catalog.json has no "models" list');
  const origins = new Set<string>();
  for (const model of models as { source?: { kind?: unknown; modelUrl?: unknown }; labels?: unknown }[]) {
    if (model.source?.kind !== 'hosted' || typeof model.source.modelUrl !== 'string') continue;
    origins.add(new URL(model.source.modelUrl).origin);
    // A labels path relative to model.json is on the model's origin; an absolute one may not be.
    if (typeof model.labels === 'string' && /^https?:\/\//.test(model.labels)) origins.add(new URL(model.labels).origin);
  }
  return [...origins].sort();
}

/**
 * No inline script and no eval: only the page's own files run; 'wasm-unsafe-eval' lets the wasm
 * backend compile its .wasm. connect-src: the page, the hosted models (from the catalog, not a hand
 * list), any https: address typed for a custom model, and a model served on this machine. A <meta>
 * cannot carry frame-ancestors or report-uri, so they are left out.
 */
export function contentSecurityPolicy(hosted: readonly string[]): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['worker-src', "'self'", 'blob:'],
    ['connect-src', "'self'", ...hosted, 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
    // Thumbnails are object URLs; the favicon is a data: SVG.
    ['img-src', "'self'", 'blob:', 'data:'],
    // The page's own stylesheets only; style properties React sets through the CSSOM are not inline styles.
    ['style-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The built page with the policy as a <meta> right after <meta charset>, before any script or stylesheet. */
export function withPolicyMeta(html: string, policy: string): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset) throw new Error('index.html needs <meta charset> first in <head> to put the Content-Security-Policy after it');
  const content = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const end = charset.index + charset[0].length;
  return `${html.slice(0, end)}\n    <meta http-equiv="Content-Security-Policy" content="${content}" />${html.slice(end)}`;
}

/** Build only: the dev server injects inline scripts for hot reload, which the policy forbids. */
function contentSecurityPolicyMeta(): Plugin {
  let policy = '';
  return {
    name: 'lumen-content-security-policy',
    apply: 'build',
    buildStart() {
      this.addWatchFile(CATALOG);
      policy = contentSecurityPolicy(hostedOrigins(JSON.parse(readFileSync(CATALOG, 'utf8')) as unknown));
    },
    transformIndexHtml: { order: 'post', handler: (html) => withPolicyMeta(html, policy) },
  };
}

// `base: './'` keeps every URL relative, so the built site works from any CDN sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicyMeta(), serviceWorker()],
  // Threaded wasm in the minified worker bundle (scripts/vite/threadedWasm.ts).
  resolve: { alias: [SOURCE_ROOT_ALIAS, threadedWasmFactoryAlias] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The worker bundle carries TF.js and its backends (~2.6 MB); the page itself stays small.
    chunkSizeWarningLimit: 4000,
    // Only the app: harness.html (npm run eval / bench) is built apart, by vite.harness.config.ts.
    rollupOptions: { input: { main: 'index.html' } },
  },
});
