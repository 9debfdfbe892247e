/** Loading the catalog and learning which models are installed next to it. */
import { useStore, type InstalledMeta } from './index';
import { modelFolder, validateCatalog, type Catalog, type CatalogModel } from '../shared/catalog';
import { specFromCatalog } from '../lib/modelSpec';
import type { ModelSpec } from '../shared/protocol';

export function catalogUrl(): URL {
  return new URL('models/catalog.json', document.baseURI);
}

async function readInstalled(model: CatalogModel): Promise<InstalledMeta | null> {
  // Hosted models are never installed: they count as available, fetched online when selected.
  if (model.source.kind === 'hosted') return { online: true };
  try {
    // lumen-model.json is written by `npm run models` once every file of the model is verified.
    const response = await fetch(new URL(`${modelFolder(model)}lumen-model.json`, catalogUrl()), { cache: 'no-cache' });
    if (!response.ok) return null;
    return (await response.json()) as InstalledMeta; // an SPA fallback page fails to parse → null
  } catch {
    return null;
  }
}

export async function loadCatalog(): Promise<Catalog | null> {
  try {
    const response = await fetch(catalogUrl(), { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
    const catalog = validateCatalog(await response.json());
    const entries = await Promise.all(catalog.models.map(async (m) => [m.id, await readInstalled(m)] as const));
    useStore.setState({ catalog, installed: Object.fromEntries(entries), catalogError: null });
    return catalog;
  } catch (error) {
    useStore.setState({ catalogError: `Could not read the model catalog: ${error instanceof Error ? error.message : String(error)}` });
    return null;
  }
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

export function selectedSpec(): ModelSpec | null {
  const { catalog, selectedModel } = useStore.getState();
  const model = catalog?.models.find((m) => m.id === selectedModel);
  return model ? specFromCatalog(model, catalogUrl()) : null;
}
