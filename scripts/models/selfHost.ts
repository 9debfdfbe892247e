/**
 * `--self-host`: a hosted catalog model (a TF-Hub / Kaggle handle or a model.json URL) downloaded
 * into `<id>/<version>/` like an installed one, so a deployment makes no third-party request. The
 * files are exactly those TF.js would fetch: model.json (the handle resolved as `fromTFHub` does),
 * every shard its weightsManifest names, with model.json's query string (TF.js appends it to each
 * shard URL), and the labels file. Hubs publish no hashes: each file's sha256 is recorded in
 * lumen-model.json as downloaded (and checked against the catalog's `files` where an entry lists
 * them), and later runs verify the folder against that record without any network.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogModel } from '../../src/shared/models/catalog';
import { resolveHostedModelUrl } from '../../src/shared/models/modelSpec';
import { isInstalled, IntegrityError, mapLimit, sweepTempFiles, TEMP_SUFFIX } from '../common/files';
import type { ModelReport } from './modelReport';
import { METADATA_FILE, metadataFor, readMetadata, readShapes, shapeWarnings, writeMetadata, type LumenModelMetadata } from './metadata';
import type { FetchLike } from './sources';
import { writeVariants } from './variants';

export interface SelfHostContext {
  fetch: FetchLike;
  log: (line: string) => void;
  now: () => Date;
  concurrency: number;
}

interface Planned {
  /** Where it goes, relative to the model folder (also its path relative to model.json). */
  path: string;
  url: string;
}

/** A path from the hub's model.json, kept inside the model folder (no `..`, no absolute path, no query). */
export function safeRelativePath(path: string, what: string): string {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || /[?#\\]|^[a-z]+:/i.test(path) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`${what} "${path}" is not a plain relative path`);
  }
  return path;
}

/** Shard paths of a TF.js model.json (graph or layers), in manifest order. */
export function shardPaths(modelJson: unknown): string[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error('model.json has no weightsManifest');
  const paths = manifest.flatMap((group: unknown) => {
    const list = (group as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(list) || !list.every((p): p is string => typeof p === 'string'))
      throw new Error('model.json has a weightsManifest group without "paths"');
    return list;
  });
  return [...new Set(paths)].map((p) => safeRelativePath(p, 'shard'));
}

/** Every file the app would fetch from the hub, as the worker requests them (modelSpec.ts modelUrls). */
export function plannedFiles(model: CatalogModel, modelJson: unknown): Planned[] {
  if (model.source.kind !== 'hosted') throw new Error(`${model.id} is not a hosted model`);
  const modelJsonUrl = resolveHostedModelUrl(model.source.modelUrl);
  const query = new URL(modelJsonUrl).search;
  const shards = shardPaths(modelJson).map((path) => {
    const url = new URL(path, modelJsonUrl);
    url.search = query; // TF.js appends model.json's query string to every shard URL
    return { path, url: url.href };
  });
  // Relative labels sit beside model.json (and keep that path); an absolute URL keeps its file name.
  const absolute = /^https?:\/\//.test(model.labels);
  const labelsUrl = new URL(model.labels, modelJsonUrl).href;
  const labelsPath = safeRelativePath(absolute ? (new URL(labelsUrl).pathname.split('/').pop() ?? '') : model.labels, 'labels');
  const files = [{ path: 'model.json', url: modelJsonUrl }, ...shards, { path: labelsPath, url: labelsUrl }];
  const taken = new Set<string>();
  for (const f of files) {
    if (taken.has(f.path)) throw new Error(`two files would both be saved as ${f.path}`);
    taken.add(f.path);
  }
  return files;
}

async function download(fetchImpl: FetchLike, url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new Error(`network error for ${url}: ${err instanceof Error ? err.message : String(err)}${cause}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} for ${url}`);
  }
  return Buffer.from(await response.arrayBuffer());
}

/** Writes `bytes` atomically (temp file + rename); returns its recorded size and sha256. */
async function saveRecorded(
  bytes: Buffer,
  dest: string,
  pinned: { size: number; sha256: string } | undefined,
  label: string,
): Promise<{ size: number; sha256: string }> {
  const actual = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (pinned && (pinned.size !== actual.size || pinned.sha256 !== actual.sha256)) throw new IntegrityError(label, pinned, actual);
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.${process.pid}${TEMP_SUFFIX}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
  return actual;
}

/** The folder matches what an earlier --self-host recorded (and the catalog's pins, if any). */
async function upToDate(folder: string, model: CatalogModel, previous: LumenModelMetadata | undefined): Promise<boolean> {
  if (previous?.source.kind !== 'hosted' || !previous.files?.length || previous.version !== model.version) return false;
  for (const pin of model.files) {
    const recorded = previous.files.find((f) => f.path === pin.path);
    if (recorded?.sha256 !== pin.sha256) return false;
  }
  const present = await Promise.all(previous.files.map((f) => isInstalled(join(folder, f.path), f)));
  return present.every(Boolean);
}

/** Self-hosts one hosted model into `folder`; like installOne, reports rather than throws. */
export async function selfHostOne(model: CatalogModel, folder: string, report: ModelReport, ctx: SelfHostContext): Promise<ModelReport> {
  if (model.source.kind !== 'hosted') throw new Error(`${model.id} is not a hosted model`);
  const metadataPath = join(folder, METADATA_FILE);
  try {
    await sweepTempFiles(folder);
    const previous = await readMetadata(metadataPath);
    if (previous && (await upToDate(folder, model, previous))) {
      return { ...report, status: 'up to date', location: previous.source.location, filesUpToDate: previous.files.length, totalBytes: previous.totalBytes };
    }
    // Until every new file is saved, the folder is not installed: the app must not load a mix.
    await rm(metadataPath, { force: true });
    const modelJsonUrl = resolveHostedModelUrl(model.source.modelUrl);
    ctx.log(`${model.id}: self-hosting from ${modelJsonUrl}`);
    const modelJsonBytes = await download(ctx.fetch, modelJsonUrl);
    let modelJson: unknown;
    try {
      modelJson = JSON.parse(modelJsonBytes.toString('utf8'));
    } catch {
      throw new Error(`${modelJsonUrl} is not JSON (not a TF.js model.json)`);
    }
    const planned = plannedFiles(model, modelJson);
    const pins = new Map(model.files.map((f) => [f.path, f]));
    const files = await mapLimit(planned, ctx.concurrency, async (f) => {
      const bytes = f.path === 'model.json' ? modelJsonBytes : await download(ctx.fetch, f.url);
      return { path: f.path, ...(await saveRecorded(bytes, join(folder, f.path), pins.get(f.path), `${model.id}/${f.path}`)) };
    });
    const shapes = readShapes(JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')), model);
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const labels = planned.at(-1)?.path ?? model.labels;
    // labels: the local copy, relative to the folder
    const metadata = metadataFor(model, shapes, { fetchedAt: ctx.now().toISOString(), location: modelJsonUrl, labels, files, totalBytes });
    // Variants too, like an installed model (measurable with npm run eval -- --weights; not offered until listed).
    metadata.variants = await writeVariants(folder, files.find((f) => f.path === labels)?.size ?? 0);
    await writeMetadata(metadataPath, metadata);
    return {
      ...report,
      status: 'installed',
      location: modelJsonUrl,
      filesFetched: files.length,
      bytesFetched: totalBytes,
      totalBytes,
      warnings: [...report.warnings, ...shapeWarnings(shapes, model)],
    };
  } catch (err) {
    return { ...report, status: 'FAILED', error: err instanceof Error ? err.message : String(err) };
  }
}
