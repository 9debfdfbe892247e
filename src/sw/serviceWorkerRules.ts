/**
 * What the service worker (src/sw/sw.ts) does with a request, as pure functions so they are unit
 * tested in Node. Model files are not the service worker's business: the TF.js worker already
 * keeps them in Cache Storage (MODEL_CACHE, src/engine/worker/modelFetch.ts), checked against their
 * hashes, so the service worker lets every `models/<id>/...` request through untouched and they
 * are stored once. `models/catalog.json` is the exception: it describes this build's models and is
 * precached with the app shell, so an offline visit still knows which models exist.
 */

/** Headers that make the page cross-origin isolated (SharedArrayBuffer, threaded wasm, fine timers). */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  // credentialless, not require-corp: hosted models on other origins load with CORS and no CORP.
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/** One Cache Storage entry per app version; older ones are deleted when a new version takes over. */
export const SHELL_CACHE_PREFIX = 'lumen-app-';

export interface PrecacheEntry {
  /** Relative to the service worker's scope (the app's folder), e.g. "assets/index-abc.js". */
  url: string;
  /** Content hash: a changed file changes the service worker's bytes, which is what announces an update. */
  revision: string;
}

export interface RequestFacts {
  url: string;
  method: string;
  /** Request.mode: "navigate" for a page load. */
  mode: string;
}

export type Route =
  /** Answer from the app-shell cache (absolute URL of the entry). */
  | { kind: 'precached'; url: string }
  /** A runtime's file (ONNX Runtime, LiteRT): not precached, kept in the app-shell cache at first use. */
  | { kind: 'lazy'; url: string }
  /** Fetch from the network and add the isolation headers. */
  | { kind: 'network' }
  /** Not ours: let the browser handle it (other origins, model files, non-GET). */
  | { kind: 'pass' };

/**
 * Where the build puts each inference runtime's code and wasm (scripts/vite/runtimeFiles.ts): tens
 * of MB a person who never opens an ONNX or TFLite model should never download, so they are not
 * precached but cached at first use, under this version's cache.
 */
export const LAZY_RUNTIME_PREFIX = 'assets/runtime-';

export function shellCacheName(version: string): string {
  return `${SHELL_CACHE_PREFIX}${version}`;
}

/** Absolute URLs of the precache list under a scope. */
export function precacheUrls(entries: readonly PrecacheEntry[], scope: string): Set<string> {
  return new Set(entries.map((e) => new URL(e.url, scope).href));
}

export function routeRequest(request: RequestFacts, scope: string, precached: ReadonlySet<string>): Route {
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return { kind: 'pass' };
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (precached.has(url.href)) return { kind: 'precached', url: url.href };
  if (url.href.startsWith(new URL(LAZY_RUNTIME_PREFIX, scope).href)) return { kind: 'lazy', url: url.href };
  const index = new URL('index.html', scope).href;
  // The app reads its state from the query (?model=…&view=…): every such load is the one page.
  if (request.mode === 'navigate' && url.href === scope && precached.has(index)) return { kind: 'precached', url: index };
  if (url.href.startsWith(new URL('models/', scope).href)) return { kind: 'pass' };
  return { kind: 'network' };
}

/** Request destinations whose response is a worker's main script. */
const WORKER_DESTINATIONS: ReadonlySet<string> = new Set(['worker', 'sharedworker']);

/**
 * What the service worker adds to one of the app's responses: COOP/COEP always, and on a worker's
 * script the workers' Content-Security-Policy. A worker's policy comes from its own script's
 * response, never from the page's <meta>, and a static host sends none: without this header the
 * TF.js worker, which fetches the models, could connect anywhere.
 */
export function addedHeaders(destination: string, workerPolicy: string): Readonly<Record<string, string>> {
  if (!WORKER_DESTINATIONS.has(destination) || workerPolicy === '') return ISOLATION_HEADERS;
  return { ...ISOLATION_HEADERS, 'Content-Security-Policy': workerPolicy };
}

/** The same response with COOP/COEP (or `added`) set; opaque responses cannot be rebuilt and pass as they are. */
export function withIsolationHeaders(response: Response, added: Readonly<Record<string, string>> = ISOLATION_HEADERS): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Caches of older app versions (never the model cache, which outlives app versions). */
export function staleShellCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== current);
}
