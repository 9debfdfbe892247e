/**
 * The browser's copy of model files (Cache Storage, filled by the worker as it loads models). The
 * page lists and deletes it directly: no TF.js involved, so no need to ask the worker.
 */
import { modelsBaseUrl } from '@/app/store/catalogActions';
import { MODEL_CACHE, groupCacheEntries, responseBytes, type CacheEntry, type CacheGroup } from '@/shared/models/cacheGroups';

export function cacheAvailable(): boolean {
  return typeof caches !== 'undefined';
}

export async function listCachedModels(): Promise<CacheGroup[]> {
  if (!cacheAvailable()) return [];
  const cache = await caches.open(MODEL_CACHE);
  const entries: CacheEntry[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) entries.push({ url: request.url, bytes: await responseBytes(response) });
  }
  return groupCacheEntries(entries, modelsBaseUrl());
}

/**
 * Deletes every file of one cached model, as the cache holds it now (not as last listed: a file
 * may have been added since); the next load downloads it again.
 */
export async function deleteCachedModel(key: string): Promise<void> {
  const cache = await caches.open(MODEL_CACHE);
  const entries = (await cache.keys()).map((request) => ({ url: request.url, bytes: 0 }));
  const group = groupCacheEntries(entries, modelsBaseUrl()).find((g) => g.key === key);
  await Promise.all((group?.urls ?? []).map((url) => cache.delete(url)));
}
