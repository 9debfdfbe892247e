/**
 * The shared folder (../shared beside the project: real models, photos, the ImageNet sample) for
 * every test that needs it, unit (vitest) and e2e (Playwright) alike, and the one rule for its
 * absence: normally such a test is skipped with a reason that names what is missing; under
 * LUMEN_REQUIRE_SHARED=1 (set by .ci/run, where ../shared is always there) the absence is a failure.
 * Framework-free on purpose: vitest wraps it in sharedSuite.ts, Playwright in e2e/support.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHARED = resolve(ROOT, '../shared');
export const SHARED_MODELS = resolve(SHARED, 'models');
export const PHOTOS = resolve(SHARED, 'images/photos');
export const IMAGENET_SAMPLE = resolve(SHARED, 'images/imagenet-sample');
export const PUBLIC_MODELS = resolve(ROOT, 'public/models');

/** A photo of ../shared/images/photos, by file name. */
export const photoPath = (name: string): string => resolve(PHOTOS, name);
/** A model folder of ../shared/models. */
export const sharedModel = (folder: string): string => resolve(SHARED_MODELS, folder);

/** Every file of a ../shared model folder, as absolute paths. */
export function sharedModelFiles(folder: string): string[] {
  return readdirSync(sharedModel(folder)).map((name) => resolve(sharedModel(folder), name));
}

/** expected.csv: photo → acceptable Keras top-1 indices (empty = any answer). */
export function expectedTop1(): Map<string, number[]> {
  const lines = readFileSync(photoPath('expected.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(
    lines.map((line) => {
      const [file = '', indices = ''] = line.split(',');
      return [file, indices ? indices.split('|').map(Number) : []];
    }),
  );
}

/** Acceptable top-1 Keras indices of one photo; a photo missing from expected.csv is a test bug. */
export function acceptableTop1(name: string): number[] {
  const indices = expectedTop1().get(name);
  if (!indices) throw new Error(`${name} is not in ${photoPath('expected.csv')}`);
  return indices;
}

interface CatalogEntry {
  id: string;
  version: string;
}

/** public/models/<id>/<version>, the folder `npm run models` installs a catalog model into. */
export function installedFolder(id: string): string | null {
  const catalog = JSON.parse(readFileSync(resolve(PUBLIC_MODELS, 'catalog.json'), 'utf8')) as { models: CatalogEntry[] };
  const model = catalog.models.find((m) => m.id === id);
  return model ? resolve(PUBLIC_MODELS, model.id, model.version) : null;
}

/** True when `npm run models` installed this catalog model (it writes lumen-model.json last). */
export function isInstalled(id: string): boolean {
  const folder = installedFolder(id);
  return folder !== null && existsSync(resolve(folder, 'lumen-model.json'));
}

/** What a test needs: paths (under ../shared, usually) and catalog models installed in public/models. */
export interface SharedNeeds {
  paths?: readonly string[];
  models?: readonly string[];
}

/** The photos and the model folders: what most tests that need ../shared read. */
export const SHARED_FOLDERS: readonly string[] = [PHOTOS, SHARED_MODELS];

/** True under .ci/run: a test that lacks the shared data fails instead of skipping. */
export const sharedRequired = (): boolean => process.env['LUMEN_REQUIRE_SHARED'] === '1';

/** Why a test cannot run here (the first thing it lacks), or null when it has all it needs. */
export function missingShared(needs: SharedNeeds): string | null {
  const absent = (needs.paths ?? []).filter((path) => !existsSync(path));
  if (absent.length > 0) return `needs ${absent.map((path) => relative(ROOT, path)).join(', ')} (the shared folder beside the project), absent here`;
  const notInstalled = (needs.models ?? []).filter((id) => !isInstalled(id));
  if (notInstalled.length > 0) return `needs model(s) ${notInstalled.join(', ')} installed: npm run models -- --from ../shared/models`;
  return null;
}

/** What a test that lacks the shared data reports under LUMEN_REQUIRE_SHARED=1. */
export class SharedMissingError extends Error {
  override name = 'SharedMissingError';
  constructor(reason: string) {
    super(`LUMEN_REQUIRE_SHARED=1, so this is a failure, not a skip: the test ${reason}`);
  }
}
