/**
 * A page without UI that exposes the app's engine to headless scripts (npm run eval,
 * npm run bench). It runs exactly the code the app runs: same worker, same protocol.
 */
import { engineWasmThreads, getEngine, openProbeEngine, restartEngineWithWasmThreads, type LumenEngine } from '@/engine/client';
import { startBenchmark } from '@/features/benchmark/client/benchmarkRunner';
import type { BenchConfig, BenchRun } from '@/features/benchmark/shared/benchRun';
import { specFromCatalog } from '@/shared/models/modelSpec';
import { selfHostedEntry } from '@/shared/models/selfHosted';
import { INSTALLED_MANIFEST, isListed, parseInstalledManifest } from '@/shared/models/installedManifest';
import { modelFolder, validateCatalog, type CatalogModel } from '@/shared/models/catalog';
import type { ModelSpec } from '@/engine/shared/types';
import type { WeightsName } from '@/shared/weights/names';
import { parseChoice } from '@/shared/weights/choice';
import { findVariant, recordedVariant, specWithWeights } from '@/shared/weights/variantSpec';
import { measureChoice, type AutoChoice } from './autoChoice';
import { racePeer, type PagePeerName, type PeerRaceResult } from './peers/race';
import type { BackendName } from '@/engine/shared/types';

export interface LumenHarness {
  /** The app's engine (the worker behind its typed interface). */
  engine: LumenEngine;
  /** The catalog entry `id` as a worker-ready spec. */
  spec(id: string, weights?: WeightsName): Promise<ModelSpec>;
  /** Fetches a URL (the scripts route local files through Playwright) as a Blob. */
  blob(url: string): Promise<Blob>;
  /** Runs a benchmark plan with the page's own runner; progress goes to the console. */
  bench(config: BenchConfig, imageUrls: string[]): Promise<BenchRun>;
  /** The app's measured automatic choice for `id`, starting from `provisional` (autoChoice.ts). */
  choose(id: string, provisional: BackendName): Promise<AutoChoice>;
  /** Restarts the engine's worker with `threads` wasm threads (null: the default), as the page does for a choice that needs them. */
  restartWithWasmThreads(threads: number | null): Promise<void>;
  /** The app's classify request against a page peer's pipeline on catalog model `id` (peers/race.ts). */
  race(peer: PagePeerName, id: string, imageUrl: string, options: { warmup: number; runs: number; version: string }): Promise<PeerRaceResult>;
}

const catalogUrl = new URL('models/catalog.json', document.baseURI);

/**
 * A hosted model that `npm run models -- --self-host` installed is run from its folder, as the app
 * does: models/installed.json says whether there is one, so no folder is probed in vain.
 */
async function selfHosted(model: CatalogModel): Promise<CatalogModel | null> {
  if (model.source.kind !== 'hosted') return null;
  const listing = await fetch(new URL(INSTALLED_MANIFEST, catalogUrl)).catch(() => null);
  const manifest = parseInstalledManifest(listing?.ok ? await listing.json().catch(() => null) : null);
  if (!manifest || !isListed(manifest, model)) return null;
  const response = await fetch(new URL(`${modelFolder(model)}lumen-model.json`, catalogUrl)).catch(() => null);
  const meta: unknown = response?.ok ? await response.json().catch(() => null) : null;
  return selfHostedEntry(model, meta);
}

const harness: LumenHarness = {
  engine: getEngine(),
  async spec(id, weights) {
    const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
    const model = catalog.models.find((m) => m.id === id);
    if (!model) throw new Error(`No model "${id}" in the catalog; known: ${catalog.models.map((m) => m.id).join(', ')}`);
    const entry = (await selfHosted(model)) ?? model;
    if (!weights || weights === 'float32') return specFromCatalog(entry, catalogUrl);
    // An offered variant, or (to measure one before it is offered) the one npm run models wrote.
    const offered = findVariant(entry, weights);
    if (offered) return specWithWeights(entry, catalogUrl, offered);
    const response = await fetch(new URL(`${modelFolder(model)}lumen-model.json`, catalogUrl)).catch(() => null);
    const recorded = recordedVariant(response?.ok ? await response.json().catch(() => null) : null, weights);
    if (!recorded) throw new Error(`No ${weights} weights for "${id}": run npm run models to write them`);
    return specWithWeights(entry, catalogUrl, recorded);
  },
  async blob(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return response.blob();
  },
  async bench(config, imageUrls) {
    // Plan entries are model ids or (model, weights) keys such as mobilenet_v2_100_224:float16.
    const specs = await Promise.all(config.models.map((key) => harness.spec(parseChoice(key).id, parseChoice(key).weights)));
    const images = await Promise.all(
      imageUrls.map(async (url) => ({ name: url.split('/').pop() ?? url, kind: 'blob' as const, blob: await harness.blob(url) })),
    );
    let last = 0;
    const handle = startBenchmark(
      getEngine(),
      { config, specs, images },
      {
        onPhase: (text) => console.log(`[bench] ${text}`),
        onSample: (s) => {
          // A heartbeat, not a flood: one line every few seconds.
          if (performance.now() - last < 5000) return;
          last = performance.now();
          console.log(`[bench] batch ${s.batch} ${s.warmup ? 'warm-up' : 'timed'} run ${s.run + 1}: ${s.ms.toFixed(2)} ms`);
        },
      },
    );
    return handle.result;
  },
  async race(peer, id, imageUrl, { warmup, runs, version }) {
    const spec = await harness.spec(id);
    const image = await harness.blob(imageUrl);
    const load =
      peer === 'transformers.js'
        ? () => import('./peers/transformersPeer').then((m) => m.loadTransformersPeer(new URL('..', spec.modelUrl)))
        : () => import('./peers/mediapipePeer').then((m) => m.loadMediaPipePeer(new URL(spec.modelUrl), version));
    return racePeer(getEngine(), spec, peer, load, image, { warmup, runs });
  },
  async choose(id, provisional) {
    const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
    const here = { isolated: window.crossOriginIsolated, cores: navigator.hardwareConcurrency, asked: engineWasmThreads() };
    return measureChoice(getEngine(), catalog, catalogUrl, (model) => harness.spec(model), id, provisional, { here, open: openProbeEngine });
  },
  restartWithWasmThreads: (threads) => restartEngineWithWasmThreads(threads),
};

(window as unknown as { lumenHarness: LumenHarness }).lumenHarness = harness;
document.title = 'Lumen harness ready';
