/** The installer core: `installModels(options)` fills `<outDir>/<id>/<version>/` and reports per model. */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { modelFileOf, modelFolder, validateCatalog, type CatalogFile, type CatalogModel } from '../../src/shared/models/catalog';
import { installVerified, isDirectory, isInstalled, mapLimit, sweepTempFiles } from '../common/files';
import { METADATA_FILE, metadataFor, onnxShapes, readMetadata, readShapes, shapeWarnings, writeMetadata, type LumenModelMetadata } from './metadata';
import { variantMismatches, writeVariants } from './variants';
import { systemNpm, type NpmRunner } from './npm';
import { selfHostOne } from './selfHost';
import { writeInstalledManifest, type WrittenManifest } from './installedManifest';
import type { ModelReport } from './modelReport';
import { describeSource, displayPath, openSource, SharedSourceMissing, type FetchLike, type OpenedSource, type SourceContext } from './sources';

export interface InstallOptions {
  /** Catalog to install from; default `public/models/catalog.json` under `cwd`. */
  catalogPath?: string;
  /** Where model folders go; default: the catalog's folder. */
  outDir?: string;
  /** Root of the shared models (`--from`); `shared` sources are `<from>/<folder>`. */
  from?: string;
  /** Fetch every non-npm model from `${baseUrl}/<source folder or id>/<file>`. */
  baseUrl?: string;
  /** Restrict to these model ids (unknown ids throw). */
  only?: readonly string[];
  /** Download the selected hosted models too (selfHost.ts) instead of skipping them. */
  selfHost?: boolean;
  /** npm tarball cache; default `node_modules/.cache/lumen-models` under `cwd`. */
  cacheDir?: string;
  fetch?: FetchLike;
  npm?: NpmRunner;
  /** Progress lines; default: silent. */
  log?: (line: string) => void;
  now?: () => Date;
  /** Base for relative paths and for paths shown in messages; default `process.cwd()`. */
  cwd?: string;
  /** Files copied/downloaded at once per model; default 4. */
  concurrency?: number;
}

export type { ModelReport, ModelStatus } from './modelReport';

/** A catalog model served online (source kind "hosted"): skipped by the installer, loaded by URL. */
export interface HostedModel {
  id: string;
  modelUrl: string;
}

export interface InstallReport {
  ok: boolean;
  catalogPath: string;
  outDir: string;
  models: ModelReport[];
  /** Hosted models: not downloaded (their files and hashes are not pinned); the app fetches them. */
  hosted: HostedModel[];
  /** Set when `--from` was given but is not a directory. */
  fromMissing?: string;
  /** installed.json beside the catalog: every model the folders now hold (not only this run's). */
  manifest: WrittenManifest;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function selectModels(models: CatalogModel[], only: readonly string[] | undefined): CatalogModel[] {
  if (!only || only.length === 0) return models;
  const known = new Set(models.map((m) => m.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`unknown model id(s) ${unknown.join(', ')}; the catalog has ${[...known].join(', ')}`);
  return models.filter((m) => only.includes(m.id));
}

function previousLocation(previous: LumenModelMetadata | undefined): string | undefined {
  const location: unknown = previous?.source?.location;
  return typeof location === 'string' ? location : undefined;
}

function emptyReport(model: CatalogModel, outDir: string, location: string): ModelReport {
  return {
    id: model.id,
    version: model.version,
    status: 'up to date',
    folder: resolve(outDir, modelFolder(model)),
    location,
    filesFetched: 0,
    filesUpToDate: 0,
    bytesFetched: 0,
    totalBytes: model.files.reduce((sum, f) => sum + f.size, 0),
    warnings: [],
  };
}

async function installOne(model: CatalogModel, outDir: string, ctx: SourceContext, now: () => Date, concurrency: number): Promise<ModelReport> {
  const report = emptyReport(model, outDir, describeSource(model, ctx));
  const { folder } = report;
  try {
    await sweepTempFiles(folder);
    const present = await mapLimit(model.files, concurrency, (f) => isInstalled(join(folder, f.path), f));
    const missing = model.files.filter((_, i) => !present[i]);
    report.filesUpToDate = model.files.length - missing.length;
    let source: OpenedSource | undefined;
    if (missing.length > 0) {
      ctx.log(`${model.id}: fetching ${missing.length} of ${model.files.length} file(s) from ${report.location}`);
      source = await openSource(model, ctx);
      report.location = source.location;
      const opened = source;
      let failed = false; // after a first error, files not yet started are skipped
      const errors = (
        await mapLimit(missing, concurrency, async (file: CatalogFile) => {
          if (failed) return undefined;
          try {
            const { stream } = await opened.open(file);
            await installVerified(stream, join(folder, file.path), file, `${model.id}/${file.path}`);
            report.filesFetched++;
            report.bytesFetched += file.size;
            return undefined;
          } catch (err) {
            failed = true;
            return message(err);
          }
        })
      ).filter((e): e is string => e !== undefined);
      if (errors.length) {
        throw new Error(errors.length === 1 ? errors[0] : `${errors[0]} (and ${errors.length - 1} more file error(s))`);
      }
      report.status = 'installed';
    }

    const metadataPath = join(folder, METADATA_FILE);
    const previous = await readMetadata(metadataPath);
    // ONNX graphs are read here too; TFLite's signature is read by LiteRT as the app loads it (catalog shapes meanwhile).
    const tfjs = model.format === 'graph' || model.format === 'layers';
    const shapes =
      model.format === 'onnx'
        ? onnxShapes(new Uint8Array(await readFile(join(folder, modelFileOf(model)))), model)
        : readShapes(tfjs ? JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) : {}, model);
    report.warnings.push(...shapeWarnings(shapes, model));
    const keepOld = !source && previous !== undefined;
    const metadata = metadataFor(model, shapes, {
      fetchedAt: keepOld ? previous.fetchedAt : now().toISOString(),
      location: (keepOld ? previousLocation(previous) : undefined) ?? report.location,
      labels: model.labels,
      files: model.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
      totalBytes: report.totalBytes,
    });
    report.location = metadata.source.location;
    const labelsBytes = model.files.find((f) => f.path === model.labels)?.size ?? 0;
    // Weight variants are TF.js weight files; the other formats bring their own quantized copies as family members.
    metadata.variants = tfjs ? await writeVariants(folder, labelsBytes) : [];
    report.warnings.push(...variantMismatches(model.variants ?? [], metadata.variants));
    await writeMetadata(metadataPath, metadata);
  } catch (err) {
    report.status = 'FAILED';
    report.error = message(err);
    if (err instanceof SharedSourceMissing) report.sharedSourceMissing = true;
  }
  return report;
}

/** Installs the catalog's models; never throws for a model's failure (see each report), only for a bad catalog or --only. */
export async function installModels(options: InstallOptions = {}): Promise<InstallReport> {
  const cwd = options.cwd ?? process.cwd();
  const catalogPath = resolve(cwd, options.catalogPath ?? 'public/models/catalog.json');
  const outDir = resolve(cwd, options.outDir ?? dirname(catalogPath));
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(catalogPath, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read catalog ${displayPath(catalogPath, cwd)}: ${message(err)}`);
  }
  const catalog = validateCatalog(raw);
  const models = selectModels(catalog.models, options.only);
  const from = options.from !== undefined ? resolve(cwd, options.from) : undefined;
  const ctx: SourceContext = {
    from,
    baseUrl: options.baseUrl,
    cacheDir: resolve(cwd, options.cacheDir ?? 'node_modules/.cache/lumen-models'),
    fetch: options.fetch ?? ((url) => fetch(url)),
    npm: options.npm ?? systemNpm,
    cwd,
    log: options.log ?? (() => undefined),
  };
  const reports: ModelReport[] = [];
  const hosted: HostedModel[] = [];
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  for (const model of models) {
    if (model.source.kind === 'hosted' && options.selfHost) {
      reports.push(
        await selfHostOne(model, resolve(outDir, modelFolder(model)), emptyReport(model, outDir, model.source.modelUrl), {
          fetch: ctx.fetch,
          log: ctx.log,
          now,
          concurrency,
        }),
      );
      continue;
    }
    if (model.source.kind === 'hosted') {
      ctx.log(`${model.id}: skipped, hosted online at ${model.source.modelUrl} (the app loads it by URL; --self-host downloads it)`);
      hosted.push({ id: model.id, modelUrl: model.source.modelUrl });
      continue;
    }
    reports.push(await installOne(model, outDir, ctx, now, concurrency));
  }
  // The page reads this one file to learn what is installed, instead of probing every folder.
  const manifest = await writeInstalledManifest(outDir, catalog.models);
  const report: InstallReport = { ok: reports.every((r) => r.status !== 'FAILED'), catalogPath, outDir, models: reports, hosted, manifest };
  if (from !== undefined && !(await isDirectory(from))) report.fromMissing = displayPath(from, cwd);
  return report;
}
