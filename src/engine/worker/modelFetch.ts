/**
 * The fetch every model file goes through (TF.js's fetchFunc and the labels): Cache Storage first,
 * keyed by URL (which carries `<id>/<version>/`, so a new version is a new key, never a stale hit),
 * then the network with retries. Each file is checked against its catalog sha256 whether it came
 * from the cache or the network, and written to the cache only whole and verified, so a dropped
 * connection never leaves half a model behind. One fetcher serves one load attempt.
 */
import { MODEL_CACHE } from '@/shared/models/cacheGroups';
import { CorruptFileError, FileFetchError, fileName } from './loadErrors';
import type { Notice } from '@/engine/shared/types';

/** Waits before the 2nd, 3rd and 4th attempt of a failed download. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000];

export interface FetchDeps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** undefined where the context has none (not secure): files then run from memory only. */
  caches: CacheStorage | undefined;
  retryDelaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

export function defaultFetchDeps(): FetchDeps {
  return {
    fetch: (url, init) => fetch(url, init),
    caches: (globalThis as { caches?: CacheStorage }).caches,
    retryDelaysMs: RETRY_DELAYS_MS,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export interface FetcherOptions {
  /** The model's name, for notices. */
  label: string;
  /** Absolute URL → expected sha256 hex (ModelSpec.fileHashes). */
  hashes: Record<string, string>;
  /** False on the attempt after an eviction: every file comes from the network. */
  readCache: boolean;
  onNotice: (notice: Notice) => void;
  deps: FetchDeps;
}

export interface ModelFetcher {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** URLs answered from the cache. */
  readonly hits: ReadonlySet<string>;
  /** Why files could not be kept for offline use; null while they could. */
  readonly cacheProblem: string | null;
  /**
   * Stops writing to the cache, waits for requests still under way (TF.js fetches shards in
   * parallel and abandons the rest when one fails), then deletes every entry of this model: each
   * URL it requested and each URL with a known hash.
   */
  discard(): Promise<void>;
}

const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function sha256Hex(data: ArrayBuffer): Promise<string | null> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return null; // no WebCrypto outside secure contexts: nothing to check with
  const digest = new Uint8Array(await subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Why the cache refused a file, in words: a full origin, or whatever the browser said. */
function cacheRefusal(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return name === 'QuotaExceededError' ? "this site's browser storage is full" : `the browser cache refused it (${reasonOf(error)})`;
}

export function makeModelFetcher(options: FetcherOptions): ModelFetcher {
  const { label, hashes, onNotice, deps } = options;
  const hits = new Set<string>();
  const requested = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let cacheProblem: string | null = null;
  let closed = false;
  let cachePromise: Promise<Cache | null> | null = null;

  const noteCacheProblem = (reason: string): void => {
    if (cacheProblem !== null) return; // one notice per load, not one per shard
    cacheProblem = `Not kept for offline use: ${reason}. The model runs from memory and will be downloaded again next visit.`;
    onNotice({ kind: 'cache-unavailable', message: `${label}: ${reason}; it runs from memory and will be downloaded again next visit.`, recoveryMs: null });
  };

  const openCache = (): Promise<Cache | null> => {
    cachePromise ??= (async () => {
      if (!deps.caches) {
        noteCacheProblem('this page has no Cache Storage (it needs a secure context)');
        return null;
      }
      try {
        return await deps.caches.open(MODEL_CACHE);
      } catch (error) {
        noteCacheProblem(cacheRefusal(error));
        return null;
      }
    })();
    return cachePromise;
  };

  /** A file's bytes, checked where the catalog knows its hash. */
  const verify = async (url: string, body: ArrayBuffer, where: 'cache' | 'network'): Promise<void> => {
    const expected = hashes[url];
    if (!expected) return;
    const actual = await sha256Hex(body);
    if (actual !== null && actual !== expected) throw new CorruptFileError(url, where, expected, actual);
  };

  /** The network, with retries on failed requests and server errors; HTTP errors such as 404 are answered as they are. */
  const download = async (url: string, init: RequestInit | undefined): Promise<{ response: Response; body: ArrayBuffer | null }> => {
    const delays = deps.retryDelaysMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await deps.fetch(url, init);
        if (!response.ok && (!isRetryableStatus(response.status) || attempt >= delays.length)) return { response, body: null };
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return { response, body: await response.arrayBuffer() }; // a connection lost mid-body fails here
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || closed) throw new FileFetchError(url, null, reasonOf(error), attempt + 1);
        onNotice({
          kind: 'download-retry',
          message: `${label}: downloading ${fileName(url)} failed (${reasonOf(error)}); trying again in ${delay / 1000} s (attempt ${attempt + 2} of ${delays.length + 1}).`,
          recoveryMs: null,
        });
        await deps.sleep(delay);
      }
    }
  };

  const fetchFile = async (url: string, init: RequestInit | undefined): Promise<Response> => {
    const cache = await openCache();
    if (cache && options.readCache) {
      const cached = await cache.match(url).catch(() => undefined);
      if (cached) {
        const body = await cached.arrayBuffer().catch((error: unknown) => {
          throw new CorruptFileError(url, 'cache', hashes[url] ?? '', `unreadable (${reasonOf(error)})`);
        });
        await verify(url, body, 'cache');
        hits.add(url);
        return new Response(body, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
      }
    }
    const { response, body } = await download(url, init);
    if (body === null) return response;
    await verify(url, body, 'network');
    if (cache && !closed && cacheProblem === null) {
      // Response copies the bytes it is given, so the cache and TF.js each get their own.
      try {
        await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }));
      } catch (error) {
        noteCacheProblem(cacheRefusal(error));
      }
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return {
    hits,
    get cacheProblem() {
      return cacheProblem;
    },
    fetch(input, init) {
      const url = input instanceof Request ? input.url : String(input);
      // User-supplied models by blob:/data: address are already on the device: nothing to cache or retry.
      if (!/^https?:/.test(url)) return deps.fetch(url, init);
      requested.add(url);
      const pending = fetchFile(url, init);
      inFlight.add(pending);
      const forget = (): void => void inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    async discard() {
      closed = true;
      await Promise.allSettled([...inFlight]);
      const cache = await openCache();
      if (!cache) return;
      await Promise.all([...new Set([...requested, ...Object.keys(hashes)])].map((url) => cache.delete(url).catch(() => false)));
    },
  };
}
