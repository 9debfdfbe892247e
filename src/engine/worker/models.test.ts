import { describe, expect, it } from 'vitest';
import { tf } from './tfjs';
import { loadModel } from './models';
import { sha256Hex } from './modelFetch';
import { fakeNetwork } from './testing/fakeModelNetwork';
import type { ModelSpec, Notice } from '@/engine/shared/types';
import { tinyClassifier, tinySpec } from '@/testing/tinyModels';

const BASE = 'https://app.example/models/tiny/1.0.0/';

/** A tiny image classifier (8×8×3 → 1000 logits) as the files a server would hold. */
async function tinyModelFiles(): Promise<Map<string, string | Uint8Array>> {
  const model = tinyClassifier(tf, 8, 'default');
  let files = new Map<string, string | Uint8Array>();
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const json = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
      };
      files = new Map<string, string | Uint8Array>([
        [`${BASE}model.json`, JSON.stringify(json)],
        [`${BASE}group1-shard1of1.bin`, weights],
      ]);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return files;
}

async function specFor(files: Map<string, string | Uint8Array>): Promise<ModelSpec> {
  const fileHashes: Record<string, string> = {};
  for (const [url, body] of files) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    fileHashes[url] = (await sha256Hex(bytes.slice().buffer)) ?? '';
  }
  return tinySpec({ key: 'tiny@1.0.0', modelUrl: `${BASE}model.json`, inputSize: [8, 8], fileHashes });
}

describe('loadModel through the verifying fetcher (real TF.js, cpu)', () => {
  it('loads, caches, reloads from the cache; a corrupt cached shard is evicted and downloaded again', async () => {
    await tf.setBackend('cpu');
    const files = await tinyModelFiles();
    const spec = await specFor(files);
    const net = fakeNetwork(files);
    const notices: Notice[] = [];
    const progress: number[] = [];
    const first = await loadModel(
      spec,
      (f) => progress.push(f),
      (n) => notices.push(n),
      net.deps,
    );
    expect(progress.at(-1)).toBe(1);
    expect(first.info).toMatchObject({ fromCache: false, cacheProblem: null, parameters: 3 * 1000 + 1000 });
    first.dispose();

    const cached = await loadModel(
      spec,
      () => undefined,
      (n) => notices.push(n),
      net.deps,
    );
    expect(cached.info.fromCache).toBe(true);
    cached.dispose();
    expect(notices).toEqual([]);

    const shard = `${BASE}group1-shard1of1.bin`;
    await net.cache.put(shard, new Response('garbage'));
    const before = tf.memory().numTensors;
    const healed = await loadModel(
      spec,
      () => undefined,
      (n) => notices.push(n),
      net.deps,
    );
    expect(healed.info.fromCache).toBe(false);
    expect(notices.map((n) => n.kind)).toEqual(['model-evicted']);
    expect(net.cache.entries.get(shard)?.length).toBe(4 * 4000);
    healed.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with the cache full it still loads, and says the model could not be kept for offline use', async () => {
    const files = await tinyModelFiles();
    const net = fakeNetwork(files, { quotaBytes: 1000 });
    const notices: Notice[] = [];
    const loaded = await loadModel(
      await specFor(files),
      () => undefined,
      (n) => notices.push(n),
      net.deps,
    );
    expect(loaded.info.cacheProblem).toMatch(/not kept for offline use/i);
    expect(notices.map((n) => n.kind)).toEqual(['cache-unavailable']);
    expect(net.cache.entries.size).toBe(0);
    loaded.dispose();
  });

  it('a shard that is corrupt on the network too gives model-corrupt naming it', async () => {
    const files = await tinyModelFiles();
    const spec = await specFor(files);
    const shard = `${BASE}group1-shard1of1.bin`;
    const net = fakeNetwork(new Map(files).set(shard, new Uint8Array(4 * 4000)));
    const error = await loadModel(
      spec,
      () => undefined,
      () => undefined,
      net.deps,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'model-corrupt' });
    expect(String((error as Error).message)).toContain('group1-shard1of1.bin');
    expect(net.cache.entries.size).toBe(0);
  });
});
