/**
 * models/installed.json in every build and on the dev server, made from what public/models holds
 * (scripts/models/installedManifest.ts, as `npm run models` writes it). The page's one question
 * "what is installed?" then always has an answer, so a plain static host logs no 404 even with
 * nothing installed (the manifest is empty), and the answer is this build's: a folder added or
 * deleted by hand since the last `npm run models` is seen. The service worker never precaches it
 * (scripts/vite/serviceWorker.ts): it must describe the deployment on the server, not the one cached.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { INSTALLED_MANIFEST } from '../../src/shared/models/installedManifest';
import { manifestText, scanInstalled, type ListedModel } from '../models/installedManifest';

/** Where the manifest is, relative to the site's root (and to public/). */
export const INSTALLED_MANIFEST_FILE = `models/${INSTALLED_MANIFEST}`;

/**
 * The catalog's ids and versions. Not validateCatalog(): a Vite config cannot load catalog.ts (its
 * `@/` imports), and the unit tests validate the catalog anyway.
 */
function catalogModels(json: unknown): ListedModel[] {
  const models = (json as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) throw new Error('catalog.json has no "models" list');
  return models.filter((m): m is ListedModel => typeof m?.id === 'string' && typeof m?.version === 'string');
}

/** The manifest of `<publicDir>/models`, against its catalog. */
export async function installedManifestText(publicDir: string): Promise<string> {
  const modelsDir = resolve(publicDir, 'models');
  const catalog = JSON.parse(await readFile(resolve(modelsDir, 'catalog.json'), 'utf8')) as unknown;
  return manifestText(await scanInstalled(modelsDir, catalogModels(catalog)));
}

export function installedModels(): Plugin {
  let publicDir = '';
  return {
    name: 'lumen-installed-models',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    configureServer(server) {
      // Answered before the public folder is: always what the folders hold now.
      const path = `${server.config.base}${INSTALLED_MANIFEST_FILE}`;
      server.middlewares.use((req, res, next) => {
        if (!publicDir || new URL(req.url ?? '/', 'http://dev').pathname !== path) return next();
        installedManifestText(publicDir).then(
          (text) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(text),
          (error: unknown) => next(error),
        );
      });
    },
    generateBundle: {
      // After Vite's own HTML plugin has emitted the page: only the pages' build (index.html or
      // harness.html) ships the public folder, never a worker's.
      order: 'post',
      async handler(_options, bundle) {
        if (!publicDir || !Object.keys(bundle).some((name) => name.endsWith('.html'))) return;
        this.emitFile({ type: 'asset', fileName: INSTALLED_MANIFEST_FILE, source: await installedManifestText(publicDir) });
      },
    },
  };
}
