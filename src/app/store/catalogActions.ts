/** Loading the catalog and learning which models are installed next to it. */
import { useStore, type InstalledMeta } from './index';
import { modelFolder, validateCatalog, type Catalog, type CatalogModel } from '@/shared/models/catalog';
import { findVariant, specWithWeights } from '@/shared/weights/variantSpec';
import type { WeightsName } from '@/shared/weights/names';
import { selfHostedEntry } from '@/shared/models/selfHosted';
import { INSTALLED_MANIFEST, isListed, NOTHING_INSTALLED, parseInstalledManifest, type InstalledManifest } from '@/shared/models/installedManifest';
import { MODEL_CACHE } from '@/shared/models/cacheGroups';
import type { ModelSpec } from '@/engine/shared/types';

export function catalogUrl(): URL {
  return new URL('models/catalog.json', document.baseURI);
}

/**
 * Offline, the browser cache stands in for the server: a model whose files the worker cached is
 * usable, and its lumen-model.json is kept beside them (in the same group, deleted with them).
 */
async function cachedMeta(metaUrl: URL, modelUrl: URL): Promise<InstalledMeta | null> {
  try {
    const cache = await caches.open(MODEL_CACHE);
    const meta = await cache.match(metaUrl.href);
    if (meta) return { ...((await meta.json()) as InstalledMeta), offline: true };
    return (await cache.match(modelUrl.href)) ? { offline: true } : null;
  } catch {
    return null; // no Cache Storage (insecure context)
  }
}

async function keepMetaBesideCachedModel(metaUrl: URL, modelUrl: URL, meta: InstalledMeta): Promise<void> {
  try {
    const cache = await caches.open(MODEL_CACHE);
    if (!(await cache.match(modelUrl.href))) return; // never loaded here: nothing to keep it beside
    await cache.put(metaUrl.href, new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }));
  } catch {
    // caching is a convenience: the model still loads online
  }
}

/**
 * models/installed.json (written by `npm run models` and by every build): which folders hold a
 * model, asked once instead of probing each folder, which on a plain host logs a 404 per absent
 * model. 'unreachable' when offline: the browser cache then stands in for each folder. A missing
 * or unreadable manifest means nothing is installed (hosted models still load online).
 */
async function readInstalledManifest(): Promise<InstalledManifest | 'unreachable'> {
  let response: Response;
  try {
    response = await fetch(new URL(INSTALLED_MANIFEST, catalogUrl()), { cache: 'no-cache' });
  } catch {
    return 'unreachable';
  }
  if (!response.ok) return NOTHING_INSTALLED;
  return parseInstalledManifest(await response.json().catch(() => null)) ?? NOTHING_INSTALLED;
}

async function readInstalled(model: CatalogModel, manifest: InstalledManifest | 'unreachable'): Promise<InstalledMeta | null> {
  const meta = await readFolderMeta(model, manifest);
  // A hosted model counts as available, fetched online when selected, unless `npm run models --
  // --self-host` put it in its folder: then it is served from there like an installed one.
  if (model.source.kind === 'hosted') return meta && selfHostedEntry(model, meta) ? meta : { online: true };
  return meta;
}

async function readFolderMeta(model: CatalogModel, manifest: InstalledManifest | 'unreachable'): Promise<InstalledMeta | null> {
  const metaUrl = new URL(`${modelFolder(model)}lumen-model.json`, catalogUrl());
  const modelUrl = new URL(`${modelFolder(model)}model.json`, catalogUrl());
  if (manifest === 'unreachable') return cachedMeta(metaUrl, modelUrl);
  if (!isListed(manifest, model)) return null; // nothing in its folder: not asked
  let response: Response;
  try {
    // lumen-model.json is written by `npm run models` once every file of the model is verified.
    response = await fetch(metaUrl, { cache: 'no-cache' });
  } catch {
    return cachedMeta(metaUrl, modelUrl); // network down or blocked
  }
  if (!response.ok) return null;
  try {
    const meta = (await response.json()) as InstalledMeta; // an SPA fallback page fails to parse → null
    void keepMetaBesideCachedModel(metaUrl, modelUrl, meta);
    return meta;
  } catch {
    return null;
  }
}

export async function loadCatalog(): Promise<Catalog | null> {
  const manifestRead = readInstalledManifest(); // asked alongside the catalog; it never rejects
  try {
    const response = await fetch(catalogUrl(), { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
    const catalog = validateCatalog(await response.json());
    const manifest = await manifestRead;
    const entries = await Promise.all(catalog.models.map(async (m) => [m.id, await readInstalled(m, manifest)] as const));
    const installed = Object.fromEntries(entries);
    // Self-hosted models are stored as local entries, so every spec built from the catalog loads them locally.
    const served = { ...catalog, models: catalog.models.map((m) => selfHostedEntry(m, installed[m.id]) ?? m) };
    useStore.setState({ catalog: served, installed, catalogError: null });
    return served;
  } catch (error) {
    useStore.setState({ catalogError: `Could not read the model catalog: ${error instanceof Error ? error.message : String(error)}` });
    return null;
  }
}

/** After a load the worker has cached the model's files: keep its metadata with them for offline visits. */
export async function keepMetaForOffline(id: string): Promise<void> {
  const { catalog, installed } = useStore.getState();
  const model = catalog?.models.find((m) => m.id === id);
  const meta = installed[id];
  if (!model || !meta || meta.offline) return;
  const folder = new URL(modelFolder(model), catalogUrl());
  await keepMetaBesideCachedModel(new URL('lumen-model.json', folder), new URL('model.json', folder), meta);
}

/**
 * The model to start with: the URL's if it exists, else the catalog default if available, else any
 * locally installed one (no network needed), else any hosted one.
 */
export function initialModel(catalog: Catalog, installed: Record<string, InstalledMeta | null>, fromUrl: string | null): string | null {
  if (fromUrl && catalog.models.some((m) => m.id === fromUrl)) return fromUrl;
  if (installed[catalog.defaultModel]) return catalog.defaultModel;
  const local = catalog.models.find((m) => installed[m.id] && !installed[m.id]?.online);
  return local?.id ?? catalog.models.find((m) => installed[m.id])?.id ?? catalog.defaultModel;
}

/** A catalog model (its chosen weights) as a worker-ready spec; null for any other id. */
export function catalogSpecFor(id: string | null, weights: WeightsName = 'float32'): ModelSpec | null {
  const model = useStore.getState().catalog?.models.find((m) => m.id === id);
  return model ? specWithWeights(model, catalogUrl(), findVariant(model, weights)) : null;
}

/** Where catalog model folders live (`<base>/<id>/<version>/`), for grouping cache entries. */
export function modelsBaseUrl(): string {
  return new URL('./', catalogUrl()).href;
}
