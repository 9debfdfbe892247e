import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../src/shared/models/catalog';
import { scanInstalled, writeInstalledManifest } from './installedManifest';

const model = (id: string, source: CatalogModel['source'], version = '1.0.0'): CatalogModel => ({
  id,
  name: id,
  architecture: 'A',
  version,
  format: 'graph',
  inputSize: [224, 224],
  preprocessing: 'tf',
  output: 'softmax',
  classes: 1000,
  labelOrder: 'keras',
  labels: 'labels.json',
  files: [],
  source,
  license: 'MIT',
  description: '',
});

const LOCAL = model('local_model', { kind: 'shared', folder: 'local_model' });
const HOSTED = model('hosted_model', { kind: 'hosted', modelUrl: 'https://tfhub.dev/google/x/1' }, '1');
const ABSENT = model('absent_model', { kind: 'shared', folder: 'absent_model' });
const ONLINE = model('online_model', { kind: 'hosted', modelUrl: 'https://tfhub.dev/google/y/1' }, '1');
const CATALOG = [LOCAL, HOSTED, ABSENT, ONLINE];

let dir = '';
/** What the installer leaves in a finished folder: its lumen-model.json (other fields do not matter here). */
async function installed(m: CatalogModel, meta: Record<string, unknown> = {}): Promise<string> {
  const folder = join(dir, m.id, m.version);
  await mkdir(folder, { recursive: true });
  const record = { id: m.id, version: m.version, fetchedAt: '2026-01-01T00:00:00.000Z', source: { ...m.source, location: 'x' }, ...meta };
  await writeFile(join(folder, 'lumen-model.json'), JSON.stringify(record));
  return folder;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lumen-installed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scanInstalled', () => {
  it('lists, in catalog order, each model whose folder holds its lumen-model.json, self-hosted copies marked', async () => {
    await installed(HOSTED);
    await installed(LOCAL);
    expect(await scanInstalled(dir, CATALOG)).toEqual({
      models: [
        { id: LOCAL.id, version: '1.0.0', selfHosted: false },
        { id: HOSTED.id, version: '1', selfHosted: true },
      ],
    });
  });
  it('leaves out a folder with files but no lumen-model.json (an unfinished install), another version, and a broken record', async () => {
    await mkdir(join(dir, ABSENT.id, ABSENT.version), { recursive: true });
    await writeFile(join(dir, ABSENT.id, ABSENT.version, 'model.json'), '{}');
    await installed(LOCAL, { version: '0.9.0' });
    const broken = await installed(HOSTED);
    await writeFile(join(broken, 'lumen-model.json'), '{"id": ');
    expect(await scanInstalled(dir, CATALOG)).toEqual({ models: [] });
  });
  it('finds nothing in a folder that holds nothing, or does not exist', async () => {
    expect(await scanInstalled(dir, CATALOG)).toEqual({ models: [] });
    expect(await scanInstalled(join(dir, 'missing'), CATALOG)).toEqual({ models: [] });
  });
});

describe('writeInstalledManifest', () => {
  it('writes installed.json beside the folders, rewrites it only when it changes, and drops a folder deleted by hand', async () => {
    const folder = await installed(LOCAL);
    const first = await writeInstalledManifest(dir, CATALOG);
    expect(first).toMatchObject({ path: join(dir, 'installed.json'), written: true });
    const text = await readFile(first.path, 'utf8');
    expect(JSON.parse(text)).toEqual({ models: [{ id: LOCAL.id, version: '1.0.0', selfHosted: false }] });
    const mtime = (await stat(first.path)).mtimeMs;

    const again = await writeInstalledManifest(dir, CATALOG);
    expect(again.written).toBe(false);
    expect((await stat(first.path)).mtimeMs).toBe(mtime);

    await rm(folder, { recursive: true });
    const after = await writeInstalledManifest(dir, CATALOG);
    expect(after.written).toBe(true);
    expect(JSON.parse(await readFile(first.path, 'utf8'))).toEqual({ models: [] });
  });
});
