/**
 * The model cache as the user sees it: Cache Storage entries (one per file URL) grouped into
 * models. Catalog models live under `<models>/<id>/<version>/`; a model loaded from any other
 * address is grouped by the folder of its files.
 */

/** Cache Storage name shared by the worker (which fills it) and the page (which lists and clears it). */
export const MODEL_CACHE = 'lumen-models-v1';

export interface CacheEntry {
  url: string;
  bytes: number;
}

export interface CacheGroup {
  /** `<id>/<version>/` for catalog models, else the folder URL. */
  key: string;
  id: string | null;
  version: string | null;
  bytes: number;
  urls: string[];
}

const folderOf = (url: string): string => url.slice(0, url.lastIndexOf('/') + 1);

export function groupCacheEntries(entries: readonly CacheEntry[], modelsBase: string): CacheGroup[] {
  const groups = new Map<string, CacheGroup>();
  for (const { url, bytes } of entries) {
    const parts = url.startsWith(modelsBase) ? url.slice(modelsBase.length).split('/') : [];
    const [id, version] = parts;
    const catalogModel = parts.length >= 3 && id && version;
    const key = catalogModel ? `${id}/${version}/` : folderOf(url);
    const group = groups.get(key) ?? { key, id: catalogModel ? id : null, version: catalogModel ? version : null, bytes: 0, urls: [] };
    group.bytes += bytes;
    group.urls.push(url);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A cached response's size: its Content-Length when the server sent one, else its body read once. */
export async function responseBytes(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) return length;
  return (await response.blob()).size;
}
