/** models/installed.json in the build (scripts/vite/installedModels.ts), and kept out of the service worker's precache. */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTALLED_MANIFEST_FILE, installedManifestText } from './installedModels';
import { precacheManifest } from './serviceWorker';

const CATALOG = resolve(import.meta.dirname, '../../public/models/catalog.json');
let publicDir = '';

beforeEach(async () => {
  publicDir = await mkdtemp(join(tmpdir(), 'lumen-public-'));
  await mkdir(join(publicDir, 'models'));
  await cp(CATALOG, join(publicDir, 'models/catalog.json'));
});
afterEach(async () => {
  await rm(publicDir, { recursive: true, force: true });
});

describe('installedManifestText', () => {
  it('is an empty manifest when nothing is installed, so a plain host still answers the one request', async () => {
    expect(JSON.parse(await installedManifestText(publicDir))).toEqual({ models: [] });
  });
  it('lists what public/models holds against its catalog, whatever the last npm run models wrote', async () => {
    const folder = join(publicDir, 'models/resnet50/1.0.0');
    await mkdir(folder, { recursive: true });
    const meta = { id: 'resnet50', version: '1.0.0', fetchedAt: '2026-01-01T00:00:00.000Z', source: { kind: 'npm', location: 'x' } };
    await writeFile(join(folder, 'lumen-model.json'), JSON.stringify(meta));
    await writeFile(join(publicDir, INSTALLED_MANIFEST_FILE), '{"models": []}\n'); // stale
    expect(JSON.parse(await installedManifestText(publicDir))).toEqual({ models: [{ id: 'resnet50', version: '1.0.0', selfHosted: false }] });
  });
});

describe('precacheManifest', () => {
  it('precaches the catalog with the shell but never installed.json, which must say what the server holds now', () => {
    const emitted = new Map<string, string>([
      ['index.html', '<html></html>'],
      [INSTALLED_MANIFEST_FILE, '{"models": []}'],
    ]);
    const urls = precacheManifest(emitted, publicDir).entries.map((e) => e.url);
    expect(urls).toEqual(['index.html', 'models/catalog.json']);
  });
});
