/**
 * The app's one service worker (built on its own to dist/sw.js by scripts/vite/serviceWorker.ts,
 * which defines LUMEN_PRECACHE as this build's file list). It:
 * - precaches the app shell, the TF.js worker bundle and the wasm binaries, so the app loads offline;
 * - adds COOP/COEP to the app's own responses, so the page and its worker are cross-origin isolated
 *   (threaded wasm, fine timers) on hosts that cannot send headers (the Workbox recipe, workbox#2963),
 *   and the workers' Content-Security-Policy to their scripts, so they connect where the page may;
 * - keeps each inference runtime's files (ONNX Runtime, LiteRT) at first use, never precached;
 * - leaves model files to the TF.js worker's own cache (see src/sw/serviceWorkerRules.ts);
 * - waits: a new version installs beside the running one and takes over only when the person
 *   clicks "Reload" (a `skip-waiting` message), never in the middle of a run.
 * Every URL is relative to the registration scope, so the app works under any sub-path.
 */
import { addedHeaders, precacheUrls, routeRequest, shellCacheName, staleShellCaches, withIsolationHeaders, type PrecacheEntry } from './serviceWorkerRules';
import { assertNever } from '@/shared/assertNever';

// The DOM lib has no service-worker types and this file is compiled with it: the little we use.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

declare const LUMEN_PRECACHE: { version: string; entries: PrecacheEntry[] };
/** The workers' Content-Security-Policy (scripts/vite/csp.ts), sent with their scripts; '' for none. */
declare const LUMEN_WORKER_POLICY: string;

const sw = self as unknown as ServiceWorkerScope;
const { version, entries } = LUMEN_PRECACHE;
const scope = sw.registration.scope;
const cacheName = shellCacheName(version);
const precached = precacheUrls(entries, scope);

async function precache(): Promise<void> {
  const cache = await caches.open(cacheName);
  // Revalidate against the server: index.html and the catalog keep their names between versions.
  await Promise.all(
    [...precached].map(async (url) => {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache: HTTP ${response.status} for ${url}`);
      await cache.put(url, response);
    }),
  );
}

async function dropOldVersions(): Promise<void> {
  await Promise.all(staleShellCaches(await caches.keys(), cacheName).map((name) => caches.delete(name)));
}

async function fromShell(url: string, request: Request): Promise<Response> {
  const cached = await (await caches.open(cacheName)).match(url);
  return withIsolationHeaders(cached ?? (await fetch(request)), addedHeaders(request.destination, LUMEN_WORKER_POLICY));
}

/** A runtime's file: from this version's cache, or fetched and kept there (its name carries its content hash). */
async function lazily(url: string, request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  let response = await cache.match(url);
  if (!response) {
    response = await fetch(request);
    if (response.ok) await cache.put(url, response.clone());
  }
  return withIsolationHeaders(response, addedHeaders(request.destination, LUMEN_WORKER_POLICY));
}

sw.addEventListener('install', (event) => event.waitUntil(precache()));
sw.addEventListener('activate', (event) => event.waitUntil(dropOldVersions()));
sw.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void sw.skipWaiting();
});
sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const route = routeRequest({ url: request.url, method: request.method, mode: request.mode }, scope, precached);
  switch (route.kind) {
    case 'pass':
      return;
    case 'precached':
      event.respondWith(fromShell(route.url, request));
      return;
    case 'lazy':
      event.respondWith(lazily(route.url, request));
      return;
    case 'network':
      event.respondWith(fetch(request).then((response) => withIsolationHeaders(response, addedHeaders(request.destination, LUMEN_WORKER_POLICY))));
      return;
    default:
      assertNever(route);
  }
});
