// End-to-end checks of `npm run models` against the real shared models: the URL path through a
// local HTTP server (request-counted, able to serve wrong bytes), the --from path, and the CLI.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { validateCatalog, type Catalog, type CatalogModel } from '../../src/shared/models/catalog';
import { runCli } from '../common/cli';
import { hashFile } from '../common/files';
import { installModels, type InstallOptions } from './install';
import { serveFolder, type LocalServer } from '../../src/testing/modelServers';
import { ROOT, SHARED_MODELS } from '../../src/testing/shared';
import { describeShared } from '../../src/testing/sharedSuite';

const SMALL = ['mobilenet_v1_025_224_layers', 'mobilenet_v1_025_224_graph', 'darknet_tiny'];

describeShared('installModels against ../shared/models', { paths: [SHARED_MODELS] }, () => {
  let tmp: string;
  let catalogPath: string;
  let catalog: Catalog;
  let server: LocalServer;
  let baseUrl: string;
  let requests: string[] = [];
  /** URL paths answered with wrong bytes (same length, last byte flipped). */
  const corrupt = new Set<string>();

  const small = (id: string): CatalogModel => catalog.models.find((m) => m.id === id) as CatalogModel;
  const options = (out: string, extra: Partial<InstallOptions> = {}): InstallOptions => ({
    catalogPath,
    outDir: join(tmp, out),
    cacheDir: join(tmp, 'cache'),
    baseUrl,
    ...extra,
  });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'lumen-models-test-'));
    const full = validateCatalog(JSON.parse(await readFile(join(ROOT, 'public/models/catalog.json'), 'utf8')));
    catalog = { ...full, defaultModel: SMALL[0] as string, models: full.models.filter((m) => SMALL.includes(m.id)) };
    expect(catalog.models.map((m) => m.source.kind)).toEqual(['shared', 'shared', 'shared']);
    catalogPath = join(tmp, 'catalog.json');
    await writeFile(catalogPath, JSON.stringify(catalog, null, 2));

    server = await serveFolder(SHARED_MODELS, { corrupt });
    requests = server.requests;
    baseUrl = server.origin;
  });

  afterAll(async () => {
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests.length = 0;
    corrupt.clear();
  });

  it('installs over HTTP with matching hashes, then a second run fetches nothing', async () => {
    const first = await installModels(options('out-url'));
    expect(first.ok).toBe(true);
    expect(first.models.map((m) => m.status)).toEqual(['installed', 'installed', 'installed']);
    const total = catalog.models.reduce((n, m) => n + m.files.length, 0);
    expect(requests).toHaveLength(total);
    for (const model of catalog.models) {
      for (const file of model.files) {
        expect(await hashFile(join(tmp, 'out-url', model.id, model.version, file.path), 'sha256', 'hex')).toBe(file.sha256);
      }
    }
    const metaPath = join(tmp, 'out-url/darknet_tiny/1.0.0/lumen-model.json');
    const before = { text: await readFile(metaPath, 'utf8'), mtime: (await stat(metaPath)).mtimeMs };

    requests.length = 0;
    const second = await installModels(options('out-url', { now: () => new Date('2099-01-01T00:00:00Z') }));
    expect(second.models.map((m) => m.status)).toEqual(['up to date', 'up to date', 'up to date']);
    expect(requests).toEqual([]);
    expect(await readFile(metaPath, 'utf8')).toBe(before.text);
    expect((await stat(metaPath)).mtimeMs).toBe(before.mtime);
  });

  it('re-fetches only a corrupted installed file', async () => {
    await installModels(options('out-corrupt'));
    const model = small('mobilenet_v1_025_224_layers');
    const victim = join(tmp, 'out-corrupt', model.id, model.version, 'group4-shard1of1');
    await writeFile(victim, Buffer.alloc(4608, 7)); // right size, wrong bytes
    requests.length = 0;
    const report = await installModels(options('out-corrupt'));
    expect(requests).toEqual([`/${model.id}/group4-shard1of1`]);
    expect(report.models.find((m) => m.id === model.id)).toMatchObject({ status: 'installed', filesFetched: 1 });
    const expected = model.files.find((f) => f.path === 'group4-shard1of1')?.sha256;
    expect(await hashFile(victim, 'sha256', 'hex')).toBe(expected);
  });

  it('fails a model whose server sends wrong bytes, naming file and hashes, while the others install', async () => {
    corrupt.add('/darknet_tiny/group5-shard1of1');
    const report = await installModels(options('out-bad'));
    expect(report.ok).toBe(false);
    const darknet = report.models.find((m) => m.id === 'darknet_tiny');
    const expected = small('darknet_tiny').files.find((f) => f.path === 'group5-shard1of1')?.sha256 ?? '';
    expect(darknet?.status).toBe('FAILED');
    expect(darknet?.error).toMatch(new RegExp(`^sha256 mismatch for darknet_tiny/group5-shard1of1: expected ${expected}, got [0-9a-f]{64}$`));
    expect(report.models.filter((m) => m.id !== 'darknet_tiny').map((m) => m.status)).toEqual(['installed', 'installed']);
    const folder = join(tmp, 'out-bad/darknet_tiny/1.0.0');
    expect(existsSync(join(folder, 'group5-shard1of1'))).toBe(false);
    expect((await readdir(folder)).filter((n) => n.includes('lumen-tmp') || n === 'lumen-model.json')).toEqual([]);
    // installed.json lists what the folders hold: the two that installed, not the failed one.
    const listed = [small('mobilenet_v1_025_224_layers'), small('mobilenet_v1_025_224_graph')].map((m) => ({
      id: m.id,
      version: m.version,
      selfHosted: false,
    }));
    expect(report.manifest.manifest).toEqual({ models: listed });
    expect(JSON.parse(await readFile(join(tmp, 'out-bad/installed.json'), 'utf8'))).toEqual({ models: listed });
  });

  it('reports an HTTP error with its URL', async () => {
    const report = await installModels(options('out-404', { baseUrl: `${baseUrl}/nowhere`, only: ['darknet_tiny'] }));
    expect(report.models[0]?.status).toBe('FAILED');
    expect(report.models[0]?.error).toMatch(
      new RegExp(`^HTTP 404 for ${baseUrl}/nowhere/darknet_tiny/model\\.json( \\(and [1-3] more file error\\(s\\)\\))?$`),
    );
    expect(requests.length).toBeLessThanOrEqual(4); // stops after the first failure
  });

  it('writes lumen-model.json with the real input shape and class count', async () => {
    await installModels(options('out-url'));
    const read = async (id: string): Promise<Record<string, unknown>> =>
      JSON.parse(await readFile(join(tmp, 'out-url', id, '1.0.0/lumen-model.json'), 'utf8')) as Record<string, unknown>;
    const darknet = await read('darknet_tiny');
    expect(darknet).toMatchObject({
      id: 'darknet_tiny',
      version: '1.0.0',
      format: 'layers',
      inputShape: [null, 224, 224, 3],
      outputShape: [null, 1000],
      classes: 1000,
      preprocessing: 'unit',
      output: 'logits',
      labelOrder: 'darknet',
      shapesFrom: { input: 'model.json', output: 'model.json' },
      source: { kind: 'shared', folder: 'darknet_tiny', location: `${baseUrl}/darknet_tiny/` },
      totalBytes: small('darknet_tiny').files.reduce((n, f) => n + f.size, 0),
    });
    expect(new Date(darknet['fetchedAt'] as string).getTime()).not.toBeNaN();
    expect((darknet['files'] as unknown[]).length).toBe(small('darknet_tiny').files.length);
    expect(await read('mobilenet_v1_025_224_graph')).toMatchObject({
      inputShape: [null, 224, 224, 3],
      classes: 1001,
      shapesFrom: { input: 'model.json', output: 'model.json' },
    });
  });

  it('copies from a local --from folder, and names a missing source folder', async () => {
    const ok = await installModels(options('out-from', { baseUrl: undefined, from: SHARED_MODELS }));
    expect(ok.models.map((m) => m.status)).toEqual(['installed', 'installed', 'installed']);
    const partial = join(tmp, 'partial-shared');
    await cp(join(SHARED_MODELS, 'darknet_tiny'), join(partial, 'darknet_tiny'), { recursive: true });
    const report = await installModels(options('out-partial', { baseUrl: undefined, from: partial, only: ['mobilenet_v1_025_224_graph', 'darknet_tiny'] }));
    expect(report.models.map((m) => [m.id, m.status])).toEqual([
      ['mobilenet_v1_025_224_graph', 'FAILED'],
      ['darknet_tiny', 'installed'],
    ]);
    expect(report.models[0]?.error).toBe(`source folder ${join(partial, 'mobilenet_v1_025_224_graph')} not found`);
  });

  it('CLI: --from a missing directory fails loudly, or warns and exits 0 with --allow-missing', async () => {
    const missing = join(tmp, 'no-such-shared');
    const run = async (...extra: string[]): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const argv = ['--catalog', catalogPath, '--out', join(tmp, 'out-missing'), '--from', missing, '-q', ...extra];
      const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
      return { code, out, err };
    };
    const strict = await run();
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`FAILED  --from directory ${missing} does not exist`);
    expect(strict.err).toContain(`SHARED MODELS SKIPPED: --from directory ${missing} does not exist`);
    const lenient = await run('--allow-missing');
    expect(lenient.code).toBe(0);
    expect(lenient.err).toContain('SHARED MODELS SKIPPED');
    expect(lenient.err).toMatch(/warning: 3 model\(s\) not installed .*--allow-missing/);
    expect((await run('--optional-from')).code).toBe(0);
  });

  it('CLI: rejects unknown --only ids and bad flags', async () => {
    const sink = { out: (): void => undefined, err: (): void => undefined };
    expect(await runCli(['--catalog', catalogPath, '--only', 'nope'], sink)).toBe(1);
    expect(await runCli(['--frm', 'x'], sink)).toBe(2);
    await expect(installModels(options('out-x', { only: ['nope'] }))).rejects.toThrow(/unknown model id\(s\) nope/);
  });
});
