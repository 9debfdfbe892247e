/**
 * Model files go through Cache Storage, keyed by their URL, which carries `<id>/<version>/`: a
 * second visit loads with no network, and a new version is a new key, never a stale hit.
 */
import { MODEL_CACHE } from '../lib/cacheGroups';

export { MODEL_CACHE };

export interface CachedFetch {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** URLs that were answered from the cache since this fetcher was made. */
  hits: Set<string>;
}

export function makeCachedFetch(): CachedFetch {
  const hits = new Set<string>();
  const cacheStorage: CacheStorage | undefined = (self as { caches?: CacheStorage }).caches;
  const fetchThroughCache = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    // No Cache Storage outside secure contexts; user-supplied models (blob:, data:) skip it too.
    if (!cacheStorage || !/^https?:/.test(url)) return fetch(input, init);
    const cache = await cacheStorage.open(MODEL_CACHE);
    const cached = await cache.match(url);
    if (cached) {
      hits.add(url);
      return cached;
    }
    const response = await fetch(input, init);
    if (response.ok) await cache.put(url, response.clone());
    return response;
  };
  return { fetch: fetchThroughCache, hits };
}
