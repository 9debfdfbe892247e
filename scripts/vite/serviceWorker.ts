/**
 * Build-only Vite plugin for the service worker (src/sw/sw.ts):
 * - lists this build's files to precache (every emitted chunk and asset, the TF.js worker bundle
 *   and wasm binaries included; not source maps, not the headless harness) plus the public files
 *   the shell needs (manifest, icons, models/catalog.json; never model files), each with a
 *   content hash;
 * - builds src/sw/sw.ts on its own, as one self-contained classic script, to `<outDir>/sw.js` with
 *   that list compiled in, so any changed file changes sw.js and the browser sees a new version;
 * - compiles in the workers' Content-Security-Policy (from the CSP plugin, scripts/vite/csp.ts),
 *   which the service worker sends with each worker's script;
 * - links the web manifest from index.html.
 * Every URL is relative: the site works from any sub-path.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { CSP_PLUGIN_NAME, type PolicyApi } from './csp';

const ROOT = resolve(import.meta.dirname, '../..');
export const SERVICE_WORKER_FILE = 'sw.js';
/** Public files that belong to the shell (paths relative to public/). */
const PUBLIC_SHELL = ['manifest.webmanifest', 'icons', 'models/catalog.json'];
/**
 * Emitted files not precached: the inference runtimes' files (kept by the service worker at first
 * use, scripts/vite/runtimeFiles.ts), source maps and the headless tools' page (not needed offline), and
 * models/installed.json (scripts/vite/installedModels.ts), which must say what the server holds
 * now: a precached copy would be the installed version's until the person reloads into a new one.
 * Offline, the page falls back to the model files the TF.js worker cached (catalogActions.ts).
 */
const NOT_PRECACHED = [/^assets\/runtime-/, /\.map$/, /^harness\.html$/, /(^|\/)harness-[^/]*\.js$/, /^models\/installed\.json$/];

export interface PrecacheManifest {
  version: string;
  entries: { url: string; revision: string }[];
}

const hashOf = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex').slice(0, 16);

/** The file itself, or every file under a folder; nothing when absent. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The list, sorted so that the same build gives the same sw.js byte for byte. */
export function precacheManifest(emitted: ReadonlyMap<string, string | Uint8Array>, publicDir: string): PrecacheManifest {
  const entries = [...emitted]
    .filter(([fileName]) => fileName !== SERVICE_WORKER_FILE && !NOT_PRECACHED.some((pattern) => pattern.test(fileName)))
    .map(([url, content]) => ({ url, revision: hashOf(content) }));
  for (const path of PUBLIC_SHELL.flatMap((p) => filesUnder(resolve(publicDir, p)))) {
    entries.push({ url: relative(publicDir, path).split('\\').join('/'), revision: hashOf(readFileSync(path)) });
  }
  entries.sort((a, b) => a.url.localeCompare(b.url));
  return { version: hashOf(JSON.stringify(entries)), entries };
}

const MANIFEST_LINKS = '<link rel="manifest" href="./manifest.webmanifest" />\n    <meta name="theme-color" content="#f5b841" />';

export function serviceWorker(): Plugin {
  let publicDir = resolve(ROOT, 'public');
  let policy: PolicyApi | undefined;
  return {
    name: 'lumen-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      policy = config.plugins.find((p) => p.name === CSP_PLUGIN_NAME)?.api as PolicyApi | undefined;
    },
    transformIndexHtml: (html) => html.replace('</head>', `    ${MANIFEST_LINKS}\n  </head>`),
    async writeBundle(options, bundle) {
      if (!options.dir || !bundle['index.html']) return; // not the app's build (e.g. the worker's)
      const emitted = new Map<string, string | Uint8Array>();
      for (const [fileName, output] of Object.entries(bundle)) emitted.set(fileName, output.type === 'chunk' ? output.code : output.source);
      const manifest = precacheManifest(emitted, publicDir);
      await build({
        configFile: false,
        root: ROOT,
        logLevel: 'warn',
        publicDir: false,
        define: { LUMEN_PRECACHE: JSON.stringify(manifest), LUMEN_WORKER_POLICY: JSON.stringify(policy?.workerPolicy() ?? '') },
        build: {
          outDir: options.dir,
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry: resolve(ROOT, 'src/sw/sw.ts'), formats: ['iife'], name: 'lumenServiceWorker', fileName: () => SERVICE_WORKER_FILE },
        },
      });
    },
  };
}
