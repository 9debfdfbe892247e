/**
 * The harness build (harness.html: the app's worker and client, no UI) lives apart from the
 * deployable dist/: vite.harness.config.ts builds it into dist-harness/ and previews it with the
 * models answered from public/. Used by npm run eval / bench (headless.ts) and e2e/eval.spec.ts.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { isLoopbackHost } from './fleetArgs';

const ROOT = resolve(import.meta.dirname, '../..');
export const HARNESS_CONFIG = resolve(ROOT, 'vite.harness.config.ts');
export const HARNESS_PAGE = resolve(ROOT, 'dist-harness/harness.html');
/** What the harness is built from: a change to any of these after the build makes it stale. */
const SOURCES = ['src', 'harness.html', 'vite.config.ts', 'vite.harness.config.ts', 'public/models/catalog.json', 'package-lock.json'];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  return Math.max(0, ...(await Promise.all(entries.map((e) => newestMtime(join(path, e))))));
}

/** True when dist-harness/ is missing or older than a source (the tools would run old code). */
export async function harnessIsStale(): Promise<boolean> {
  const built = await newestMtime(HARNESS_PAGE);
  const newest = Math.max(...(await Promise.all(SOURCES.map((s) => newestMtime(join(ROOT, s))))));
  return built === 0 || newest > built;
}

export interface HarnessServer {
  /** Ends with '/': harness.html and models/ are under it. */
  baseUrl: string;
  close(): Promise<void>;
}

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, so threaded wasm). */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export interface ServeOptions {
  rebuild?: boolean;
  isolated?: boolean;
  /**
   * The host the browsers reach the server by (npm run eval / bench --serve-host). A loopback name
   * (the default) listens on 127.0.0.1 only; any other listens on every interface and is what the
   * page's address names, so remote browsers (--connect) can load it.
   */
  host?: string;
  log?: (line: string) => void;
}

/**
 * Builds dist-harness/ when asked or missing, then serves it with `vite preview` on a free port;
 * `isolated` adds the isolation headers.
 */
export async function serveHarness(options: ServeOptions = {}): Promise<HarnessServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (options.rebuild || (await newestMtime(HARNESS_PAGE)) === 0) {
    options.log?.('building the harness (vite build -c vite.harness.config.ts)…');
    await build({ root: ROOT, configFile: HARNESS_CONFIG, logLevel: 'warn' });
  }
  const server = await preview({
    root: ROOT,
    configFile: HARNESS_CONFIG,
    preview: {
      port: 0,
      host: loopback ? '127.0.0.1' : '0.0.0.0',
      strictPort: false,
      // vite answers only the host names it knows; a remote browser asks by --serve-host.
      ...(loopback ? {} : { allowedHosts: [host] }),
      ...(options.isolated ? { headers: ISOLATION_HEADERS } : {}),
    },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('vite preview did not report a port');
  }
  const urlHost = loopback ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { baseUrl: `http://${urlHost}:${address.port}/`, close: () => server.close() };
}
