import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openWithRecovery } from './modelAttempts';
import { makeModelFetcher, type ModelFetcher } from './modelFetch';
import { fakeNetwork as network, type FakeNetwork as Net } from './testing/fakeModelNetwork';
import { CorruptFileError, describeLoadError, FileFetchError } from './loadErrors';
import type { LumenError } from '@/shared/errors';
import type { ModelSpec, Notice } from '@/engine/shared/types';

const BASE = 'https://app.example/models/m/1.0.0/';
const MODEL_JSON = `${BASE}model.json`;
const SHARD = `${BASE}group1-shard1of1.bin`;
const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The served files: a model.json naming one shard, and the shard's bytes. */
const files = (): Map<string, string> =>
  new Map([
    [MODEL_JSON, JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['group1-shard1of1.bin'] }] })],
    [SHARD, 'weights-weights-weights'],
  ]);
const spec = (): Pick<ModelSpec, 'name' | 'fileHashes'> => ({ name: 'M', fileHashes: Object.fromEntries([...files()].map(([url, body]) => [url, sha(body)])) });

/** What TF.js does with a fetcher: model.json, parsed, then its shards (in parallel), read whole. */
async function openLikeTfjs(fetcher: ModelFetcher): Promise<string> {
  const json = (await (await fetcher.fetch(MODEL_JSON)).json()) as { weightsManifest: { paths: string[] }[] };
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => new URL(p, MODEL_JSON).href);
  const bodies = await Promise.all(shards.map(async (url) => (await fetcher.fetch(url)).text()));
  return bodies.join('');
}

async function load(net: Net, over: Partial<Pick<ModelSpec, 'fileHashes'>> = {}): Promise<{ text: string; fetcher: ModelFetcher; notices: Notice[] }> {
  const notices: Notice[] = [];
  const opened = await openWithRecovery({ ...spec(), ...over }, openLikeTfjs, (n) => notices.push(n), net.deps);
  return { text: opened.value, fetcher: opened.fetcher, notices };
}

async function loadError(net: Net): Promise<{ error: LumenError; notices: Notice[] }> {
  const notices: Notice[] = [];
  const failure = await openWithRecovery(spec(), openLikeTfjs, (n) => notices.push(n), net.deps).then(
    () => null,
    (error: unknown) => error,
  );
  if (failure === null) throw new Error('the load was expected to fail');
  return { error: describeLoadError({ name: 'M', id: 'm', modelUrl: MODEL_JSON } as ModelSpec, failure), notices };
}

describe('model file fetcher', () => {
  it('caches verified files, and a second load reads them from the cache with no request', async () => {
    const net = network(files());
    expect((await load(net)).text).toBe('weights-weights-weights');
    expect([...net.cache.entries.keys()].sort()).toEqual([SHARD, MODEL_JSON].sort());
    net.requests.length = 0;
    const again = await load(net);
    expect(net.requests).toEqual([]);
    expect([...again.fetcher.hits].sort()).toEqual([SHARD, MODEL_JSON].sort());
  });

  it('a cached shard that fails its hash is evicted and downloaded again, and the load succeeds', async () => {
    const net = network(files());
    await net.cache.put(MODEL_JSON, new Response(files().get(MODEL_JSON)));
    await net.cache.put(SHARD, new Response('garbage'));
    const { text, notices, fetcher } = await load(net);
    expect(text).toBe('weights-weights-weights');
    expect(notices.map((n) => n.kind)).toEqual(['model-evicted']);
    expect(notices[0]?.message).toContain('group1-shard1of1.bin');
    expect(notices[0]?.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(fetcher.hits.size).toBe(0);
    expect(net.cache.text(SHARD)).toBe('weights-weights-weights');
  });

  it('a cached model.json TF.js cannot parse (no hash known) is evicted and downloaded again', async () => {
    const net = network(files());
    await net.cache.put(MODEL_JSON, new Response('{"modelTopo'));
    const { text, notices } = await load(net, { fileHashes: {} });
    expect(text).toBe('weights-weights-weights');
    expect(notices.map((n) => n.kind)).toEqual(['model-evicted']);
  });

  it('a file that fails its hash on the network too gives model-corrupt naming it, and leaves no cache entry', async () => {
    const served = files().set(SHARD, 'garbage from the server');
    const net = network(served);
    await net.cache.put(SHARD, new Response('garbage'));
    const { error, notices } = await loadError(net);
    expect(error.code).toBe('model-corrupt');
    expect(error.message).toContain('group1-shard1of1.bin');
    expect(notices.map((n) => n.kind)).toEqual([]);
    expect(net.cache.entries.size).toBe(0);
    expect(net.requests.filter((u) => u === SHARD)).toHaveLength(1); // the cached copy, then one download: not forever
  });

  it('a full cache (quota exceeded on put) still loads from memory, says why, and keeps no part of the model', async () => {
    const net = network(files(), { quotaBytes: 40 });
    const { text, fetcher, notices } = await load(net);
    expect(text).toBe('weights-weights-weights');
    expect(fetcher.cacheProblem).toMatch(/offline use.*full/);
    expect(notices.map((n) => n.kind)).toEqual(['cache-unavailable']);
    expect(net.cache.entries.size).toBe(0);
  });

  it('a download failing twice is retried with backoff and succeeds, with one notice per retry', async () => {
    const net = network(files(), { fail: (url, n) => url === SHARD && n <= 2 });
    const { text, notices } = await load(net);
    expect(text).toBe('weights-weights-weights');
    expect(notices.map((n) => n.kind)).toEqual(['download-retry', 'download-retry']);
    expect(notices[0]?.message).toContain('group1-shard1of1.bin');
    expect(net.sleeps).toEqual([500, 1000]);
    expect(net.cache.entries.has(SHARD)).toBe(true);
  });

  it('a download that always fails gives a network error naming the file, and no entry of the model is left', async () => {
    const net = network(files(), { fail: (url) => url === SHARD });
    const { error, notices } = await loadError(net);
    expect(error.code).toBe('network');
    expect(error.message).toContain(SHARD);
    expect(error.message).toContain('after 4 attempts');
    expect(notices.filter((n) => n.kind === 'download-retry')).toHaveLength(3);
    expect(net.sleeps).toEqual([500, 1000, 2000]);
    expect(net.cache.entries.size).toBe(0); // model.json had arrived whole, and was removed again
  });

  it('an HTTP 404 is answered as it is: not retried, not checked, not cached', async () => {
    const served = files();
    served.delete(SHARD);
    const net = network(served);
    const fetcher = makeModelFetcher({ label: 'M', hashes: spec().fileHashes ?? {}, readCache: true, onNotice: () => undefined, deps: net.deps });
    expect((await fetcher.fetch(SHARD)).status).toBe(404);
    expect(net.requests).toEqual([SHARD]);
    expect(net.cache.entries.size).toBe(0);
  });

  it('errors name the file: corrupt and network', () => {
    const m = { name: 'M', id: 'm', modelUrl: MODEL_JSON } as ModelSpec;
    expect(describeLoadError(m, new CorruptFileError(SHARD, 'network', 'a'.repeat(64), 'b'.repeat(64))).message).toMatch(/group1-shard1of1\.bin is corrupt/);
    expect(describeLoadError(m, new FileFetchError(SHARD, null, 'Failed to fetch', 4)).message).toContain(`could not download ${SHARD} after 4 attempts`);
  });
});
