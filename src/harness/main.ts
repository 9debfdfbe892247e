/**
 * A page without UI that exposes the app's worker client to headless scripts (npm run eval,
 * npm run bench). It runs exactly the code the app runs: same worker, same protocol.
 */
import { getClient, type WorkerClient } from '../client';
import { specFromCatalog } from '../lib/modelSpec';
import { validateCatalog } from '../shared/catalog';
import type { ModelSpec } from '../shared/protocol';

export interface LumenHarness {
  client: WorkerClient;
  /** The catalog entry `id` as a worker-ready spec. */
  spec(id: string): Promise<ModelSpec>;
  /** Fetches a URL (the scripts route local files through Playwright) as a Blob. */
  blob(url: string): Promise<Blob>;
}

const catalogUrl = new URL('models/catalog.json', document.baseURI);

const harness: LumenHarness = {
  client: getClient(),
  async spec(id) {
    const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
    const model = catalog.models.find((m) => m.id === id);
    if (!model) throw new Error(`No model "${id}" in the catalog; known: ${catalog.models.map((m) => m.id).join(', ')}`);
    return specFromCatalog(model, catalogUrl);
  },
  async blob(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return response.blob();
  },
};

(window as unknown as { lumenHarness: LumenHarness }).lumenHarness = harness;
document.title = 'Lumen harness ready';
