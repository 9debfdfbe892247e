/**
 * Writes models/installed.json (src/shared/models/installedManifest.ts) from what the model folders
 * hold: a catalog model is installed when `<id>/<version>/lumen-model.json` is there, since the
 * installer writes it only once every file is verified. The folders are read, not the run's
 * reports, so `--only a` keeps b listed, and a folder deleted by hand drops out on the next run.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogModel } from '../../src/shared/models/catalog';
import { INSTALLED_MANIFEST, type InstalledManifest } from '../../src/shared/models/installedManifest';
import { METADATA_FILE, readMetadata } from './metadata';

/** What the scan needs of a catalog entry. */
export type ListedModel = Pick<CatalogModel, 'id' | 'version'>;

/**
 * The manifest of what `modelsDir` (the catalog's folder) holds, in catalog order. The folder is
 * catalog.ts's modelFolder(), `<id>/<version>/`, spelled out: vite.config.ts loads this file, and
 * its loader cannot resolve the `@/` imports that catalog.ts makes at run time.
 */
export async function scanInstalled(modelsDir: string, models: readonly ListedModel[]): Promise<InstalledManifest> {
  const found = await Promise.all(
    models.map(async (model) => {
      const meta = await readMetadata(join(modelsDir, model.id, model.version, METADATA_FILE));
      if (!meta || meta.id !== model.id || meta.version !== model.version) return null;
      return { id: model.id, version: model.version, selfHosted: meta.source?.kind === 'hosted' };
    }),
  );
  return { models: found.filter((m) => m !== null) };
}

export function manifestText(manifest: InstalledManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface WrittenManifest {
  path: string;
  manifest: InstalledManifest;
  /** False when the file already said exactly this. */
  written: boolean;
}

/** Scans `modelsDir` and writes its installed.json, atomically and only when it changes. */
export async function writeInstalledManifest(modelsDir: string, models: readonly ListedModel[]): Promise<WrittenManifest> {
  const path = join(modelsDir, INSTALLED_MANIFEST);
  const manifest = await scanInstalled(modelsDir, models);
  const text = manifestText(manifest);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === text) return { path, manifest, written: false };
  const temp = `${path}.${process.pid}.tmp`;
  await mkdir(modelsDir, { recursive: true }); // nothing installed into a new --out: an empty manifest still says so
  await writeFile(temp, text);
  await rename(temp, path);
  return { path, manifest, written: true };
}
