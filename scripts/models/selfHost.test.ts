// `npm run models -- --self-host` against a local HTTP server standing in for TF-Hub (and for the
// storage host of ImageNetLabels.txt): the shared graph model is a byte copy of the TF-Hub module
// behind the catalog's mobilenet_v1_025_224_tfhub. Then the app's side: the recorded folder
// resolves to local URLs with every hash, and without it the model stays online.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCatalog, type Catalog, type CatalogModel } from '../../src/shared/models/catalog';
import { specFromCatalog } from '../../src/shared/models/modelSpec';
import { selfHostedEntry } from '../../src/shared/models/selfHosted';
import { HELP } from '../common/args';
import { runCli } from '../common/cli';
import { hashFile } from '../common/files';
import { installModels } from './install';
import { plannedFiles } from './selfHost';
import { serveModelHub, type LocalServer } from '../../src/testing/modelServers';
import { ROOT, sharedModel } from '../../src/testing/shared';
import { describeShared } from '../../src/testing/sharedSuite';

const SHARED_MODEL = sharedModel('mobilenet_v1_025_224_graph');
const ID = 'mobilenet_v1_025_224_tfhub';
const HUB_PATH = '/google/imagenet/mobilenet_v1_025_224/classification/1';
const LABELS_PATH = '/download.tensorflow.org/data/ImageNetLabels.txt';

const realCatalog = async (): Promise<Catalog> => validateCatalog(JSON.parse(await readFile(join(ROOT, 'public/models/catalog.json'), 'utf8')));
const realEntry = async (): Promise<CatalogModel> => (await realCatalog()).models.find((m) => m.id === ID) as CatalogModel;

describe('plannedFiles', () => {
  it('lists what TF.js fetches: model.json?tfjs-format=file, shards with the same query, the labels by file name', async () => {
    const model = await realEntry();
    const files = plannedFiles(model, { weightsManifest: [{ paths: ['group1-shard1of2', 'group1-shard2of2'] }] });
    expect(files).toEqual([
      { path: 'model.json', url: `https://tfhub.dev${HUB_PATH}/model.json?tfjs-format=file` },
      { path: 'group1-shard1of2', url: `https://tfhub.dev${HUB_PATH}/group1-shard1of2?tfjs-format=file` },
      { path: 'group1-shard2of2', url: `https://tfhub.dev${HUB_PATH}/group1-shard2of2?tfjs-format=file` },
      { path: 'ImageNetLabels.txt', url: `https://storage.googleapis.com${LABELS_PATH}` },
    ]);
  });
  it('refuses shard paths that would leave the model folder, and a model.json without a manifest', async () => {
    const model = await realEntry();
    expect(() => plannedFiles(model, { weightsManifest: [{ paths: ['../../evil'] }] })).toThrow(/not a plain relative path/);
    expect(() => plannedFiles(model, { weightsManifest: [{ paths: ['/etc/passwd'] }] })).toThrow(/not a plain relative path/);
    expect(() => plannedFiles(model, { modelTopology: {} })).toThrow(/no weightsManifest/);
  });
});

describeShared('--self-host against a local hub', { paths: [SHARED_MODEL] }, () => {
  let tmp: string;
  let server: LocalServer;
  let hub: string;
  let catalogPath: string;
  let model: CatalogModel;
  let requests: string[] = [];
  const out = (name: string): string => join(tmp, name);
  const folder = (name: string): string => join(out(name), ID, model.version);
  const install = (name: string, selfHost = true) => installModels({ catalogPath, outDir: out(name), only: [ID], selfHost });
  /** A catalog with only `entry` (the rest of the real catalog's root kept, so it validates). */
  const writeCatalog = async (name: string, entry: CatalogModel): Promise<string> => {
    const path = join(tmp, name);
    await writeFile(path, JSON.stringify({ ...(await realCatalog()), defaultModel: ID, models: [entry] }, null, 2));
    return path;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'lumen-selfhost-test-'));
    server = await serveModelHub(SHARED_MODEL, { hubPath: HUB_PATH, labelsPath: LABELS_PATH });
    requests = server.requests;
    hub = server.origin;
    const real = await realEntry();
    model = { ...real, labels: `${hub}${LABELS_PATH}`, source: { kind: 'hosted', modelUrl: `${hub}${HUB_PATH}` } };
    catalogPath = await writeCatalog('catalog.json', model);
  });
  afterAll(async () => {
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    requests.length = 0;
  });

  it('downloads model.json, its shard and the labels, recording every sha256 in lumen-model.json', async () => {
    const report = await install('out');
    expect(report.ok).toBe(true);
    expect(report.models[0]).toMatchObject({ id: ID, status: 'installed', filesFetched: 3, location: `${hub}${HUB_PATH}/model.json?tfjs-format=file` });
    expect(report.hosted).toEqual([]);
    expect(requests.sort()).toEqual([`${HUB_PATH}/group1-shard1of1?tfjs-format=file`, `${HUB_PATH}/model.json?tfjs-format=file`, LABELS_PATH].sort());
    const meta = JSON.parse(await readFile(join(folder('out'), 'lumen-model.json'), 'utf8')) as {
      files: { path: string; size: number; sha256: string }[];
    } & Record<string, unknown>;
    expect(meta).toMatchObject({
      id: ID,
      version: '1',
      labels: 'ImageNetLabels.txt',
      classes: 1001,
      source: { kind: 'hosted', modelUrl: `${hub}${HUB_PATH}` },
    });
    expect(meta.files.map((f) => f.path)).toEqual(['model.json', 'group1-shard1of1', 'ImageNetLabels.txt']);
    for (const f of meta.files) {
      expect(await hashFile(join(folder('out'), f.path), 'sha256', 'hex')).toBe(f.sha256);
      if (f.path !== 'ImageNetLabels.txt') expect(f.sha256).toBe(await hashFile(join(SHARED_MODEL, f.path), 'sha256', 'hex'));
    }
    expect(meta['totalBytes']).toBe(meta.files.reduce((n, f) => n + f.size, 0));
    // The page learns of the copy from installed.json, without probing the folder.
    const manifest = { models: [{ id: ID, version: '1', selfHosted: true }] };
    expect(report.manifest.manifest).toEqual(manifest);
    expect(JSON.parse(await readFile(join(out('out'), 'installed.json'), 'utf8'))).toEqual(manifest);
  });

  it('a second run verifies the recorded hashes with no request; a damaged file brings a fresh download', async () => {
    await install('out-again');
    const metaPath = join(folder('out-again'), 'lumen-model.json');
    const before = await readFile(metaPath, 'utf8');
    requests.length = 0;
    const second = await install('out-again');
    expect(second.models[0]?.status).toBe('up to date');
    expect(requests).toEqual([]);
    expect(await readFile(metaPath, 'utf8')).toBe(before);

    const shard = join(folder('out-again'), 'group1-shard1of1');
    const bytes = await readFile(shard);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await writeFile(shard, bytes);
    const third = await install('out-again');
    expect(third.models[0]?.status).toBe('installed');
    expect(requests.length).toBe(3);
    expect(await hashFile(shard, 'sha256', 'hex')).toBe(await hashFile(join(SHARED_MODEL, 'group1-shard1of1'), 'sha256', 'hex'));
  });

  it('a hash pinned in the catalog that the hub does not match fails the model, leaving it not installed', async () => {
    const pinned: CatalogModel = { ...model, files: [{ path: 'group1-shard1of1', size: 1, sha256: '0'.repeat(64) }] };
    const pinnedCatalog = await writeCatalog('pinned.json', pinned);
    const report = await installModels({ catalogPath: pinnedCatalog, outDir: out('out-pinned'), selfHost: true });
    expect(report.ok).toBe(false);
    expect(report.models[0]?.error).toMatch(new RegExp(`^sha256 mismatch for ${ID}/group1-shard1of1: expected 0{64}, got [0-9a-f]{64}`));
    expect(existsSync(join(folder('out-pinned'), 'lumen-model.json'))).toBe(false);
  });

  it('an unreachable hub is named by URL', async () => {
    const broken: CatalogModel = { ...model, source: { kind: 'hosted', modelUrl: `${hub}/nowhere/1` } };
    const brokenCatalog = await writeCatalog('broken.json', broken);
    const report = await installModels({ catalogPath: brokenCatalog, outDir: out('out-broken'), selfHost: true });
    expect(report.models[0]?.error).toBe(`HTTP 404 for ${hub}/nowhere/1/model.json?tfjs-format=file`);
  });

  it('without --self-host the hosted model is skipped, as before', async () => {
    const report = await install('out-skip', false);
    expect(report.models).toEqual([]);
    expect(report.hosted).toEqual([{ id: ID, modelUrl: `${hub}${HUB_PATH}` }]);
    expect(requests).toEqual([]);
  });

  it('the app resolves the self-hosted model to its own folder, with every recorded hash; unrecorded, to the hub', async () => {
    await install('out-app');
    const meta: unknown = JSON.parse(await readFile(join(folder('out-app'), 'lumen-model.json'), 'utf8'));
    const real = await realEntry();
    const catalogUrl = 'https://lumen.example/sub/models/catalog.json';
    const local = selfHostedEntry(real, meta);
    expect(local).not.toBeNull();
    const spec = specFromCatalog(local ?? real, catalogUrl);
    const here = `https://lumen.example/sub/models/${ID}/1/`;
    expect(spec.modelUrl).toBe(`${here}model.json`);
    expect(spec.labelsUrl).toBe(`${here}ImageNetLabels.txt`);
    const recorded = (meta as { files: { path: string; sha256: string }[] }).files;
    expect(spec.fileHashes).toEqual(Object.fromEntries(recorded.map((f) => [`${here}${f.path}`, f.sha256])));

    expect(selfHostedEntry(real, null)).toBeNull();
    expect(selfHostedEntry(real, { ...(meta as object), files: [{ path: 'model.json', size: 1, sha256: 'nope' }] })).toBeNull();
    expect(specFromCatalog(real, catalogUrl).modelUrl).toBe(`https://tfhub.dev${HUB_PATH}/model.json?tfjs-format=file`);
  });

  it('CLI: --only <hosted id> --self-host installs it, and --help documents the flag', async () => {
    let text = '';
    const io = { out: (t: string) => void (text += `${t}\n`), err: (t: string) => void (text += `${t}\n`) };
    const code = await runCli(['--catalog', catalogPath, '--out', out('out-cli'), '--only', ID, '--self-host', '-q'], io);
    expect(code).toBe(0);
    expect(text).toMatch(new RegExp(`${ID}\\s+1\\s+.*installed\\s+3 file\\(s\\)`));
    expect(HELP).toContain('--self-host');
  });
});
