/**
 * `npm run eval -- --data DIR`: Evaluate's report headless. Each model loads in the harness page,
 * the folder's labels are mapped to ImageNet's classes (the shared evaluatePlan), and each pass
 * (clean, then each corruption × severity) goes through the app's own classify requests with the
 * request's `corruption`; the shared evaluateReport scores them, so the figures are the view's.
 */
import { writeFile } from 'node:fs/promises';
import type { LumenHarness } from '../../src/harness/main';
import type { ModelSpec } from '../../src/engine/shared/types';
import type { ClassifyItem } from '../../src/features/classify/shared/messages';
import type { CorruptionSpec } from '../../src/features/evaluate/shared/corruptModelInput';
import { corruptionRow, evaluateReport, type CorruptionRow, type ImageOutcome, outcomeOf } from '../../src/features/evaluate/shared/evaluateReport';
import { entryDocument, type EntryDocument, type EntryIdentity, type EvaluateDocument } from '../../src/features/evaluate/shared/evaluateJson';
import {
  type EvaluatePass,
  type ImagePlan,
  planImages,
  plannedPasses,
  type ScoredImage,
  unmappedFolders,
} from '../../src/features/evaluate/shared/evaluatePlan';
import { kerasOrderNames } from '../../src/features/evaluate/shared/modelClasses';
import type { EvalOptions } from './evalArgs';
import { type DataFolder, readDataFolder, readSynsets } from './evalFolder';
import { prepareModel, type EvalTarget } from './evalRun';
import { dataEntryLines } from './evalDataReport';

/** Images per classify request (whole batches), two requests queued: as the Evaluate view sends them. */
const REQUEST_CHUNK = 48;

/** An item as it crosses back from the page: everything but the thumbnail (a Blob does not serialise). */
async function classifyChunk(
  target: EvalTarget,
  spec: ModelSpec,
  images: readonly { name: string; url: string }[],
  batchSize: number,
  corruption?: CorruptionSpec,
) {
  return target.page.evaluate(
    async ({ spec, images, batchSize, corruption }) => {
      const harness = (window as unknown as { lumenHarness: LumenHarness }).lumenHarness;
      const items: (ClassifyItem | null)[] = images.map(() => null);
      const blobs = await Promise.all(images.map(async (image) => ({ name: image.name, kind: 'blob' as const, blob: await harness.blob(image.url) })));
      const handle = harness.engine.classify(
        { model: spec, k: 5, images: blobs, batchSize, ...(corruption ? { corruption } : {}) },
        { onEvent: (event) => event.type === 'item' && (items[event.index] = event.item.status === 'ok' ? { ...event.item, thumbnail: null } : event.item) },
      );
      const { totalMs } = await handle.result;
      return { items, totalMs };
    },
    { spec, images: [...images], batchSize, corruption },
  );
}

async function classifyPass(
  target: EvalTarget,
  spec: ModelSpec,
  images: readonly (ScoredImage & { absolute: string })[],
  batchSize: number,
  corruption?: CorruptionSpec,
) {
  const size = Math.ceil(REQUEST_CHUNK / batchSize) * batchSize;
  const outcomes: ImageOutcome[] = [];
  let totalMs = 0;
  const starts = Array.from({ length: Math.ceil(images.length / size) }, (_, i) => i * size);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < starts.length) {
      const start = starts[next++] ?? 0;
      const chunk = images.slice(start, start + size);
      const answer = await classifyChunk(
        target,
        spec,
        chunk.map((image) => ({ name: image.path, url: target.localUrl(image.absolute) })),
        batchSize,
        corruption,
      );
      totalMs += answer.totalMs;
      chunk.forEach((image, i) => {
        const item = answer.items[i];
        outcomes[start + i] = item
          ? outcomeOf(image.path, image.truth, item)
          : { file: image.path, truth: image.truth, status: 'error', message: 'no answer from the worker' };
      });
    }
  };
  await Promise.all([lane(), lane()]);
  return { outcomes, totalMs };
}

/** A model loaded on one page, with its folder's plan: what each pass sends and scores. */
export interface PreparedEntry {
  prepared: Awaited<ReturnType<typeof prepareModel>>;
  /** The model's class names in Keras order (the report's class space). */
  names: string[];
  plan: ImagePlan;
  /** The plan's scored images that are on disk, in the plan's order. */
  images: PassImage[];
  identity: EntryIdentity;
}

export type PassImage = ScoredImage & { absolute: string };

/** One pass's outcomes (in its images' order) and the worker's classify time for them. */
export interface PassResult {
  pass: EvaluatePass;
  outcomes: ImageOutcome[];
  totalMs: number;
}

export async function prepareEntry(target: EvalTarget, options: EvalOptions, modelId: string, folder: DataFolder, synsets: string[]): Promise<PreparedEntry> {
  const prepared = await prepareModel(target.page, modelId, options.backend, options.weights, options.cropFraction);
  const names = kerasOrderNames(JSON.stringify(prepared.labels), prepared.spec);
  const plan = planImages(folder.layout.images, names, synsets);
  const images = plan.scored.flatMap((image) => {
    const absolute = folder.files.get(image.path);
    return absolute ? [{ ...image, absolute }] : [];
  });
  const identity = {
    model: modelId,
    weights: options.weights,
    runtime: prepared.model.runtime ?? 'tfjs',
    backend: prepared.model.runtimeBackend ?? prepared.engine.backend,
  };
  return { prepared, names, plan, images, identity };
}

/** Every planned pass (clean first, then each corruption × severity) over `images`, one after another. */
export async function runPasses(target: EvalTarget, options: EvalOptions, spec: ModelSpec, images: readonly PassImage[], tag: string): Promise<PassResult[]> {
  const results: PassResult[] = [];
  for (const pass of plannedPasses(options.corruptions, options.severities)) {
    const label = pass.kind === 'clean' ? 'clean' : `${pass.corruption.kind} ${pass.corruption.severity}`;
    process.stderr.write(`[${tag}] ${label}: ${images.length} image(s)…\n`);
    const { outcomes, totalMs } = await classifyPass(target, spec, images, options.batch, pass.kind === 'clean' ? undefined : pass.corruption);
    results.push({ pass, outcomes, totalMs });
  }
  return results;
}

/** The entry's document from its passes' outcomes, scored by the shared evaluateReport. */
export function entryFromPasses(identity: EntryIdentity, passes: readonly PassResult[], unmapped: number, names: readonly string[]): EntryDocument {
  let clean: PassResult | null = null;
  const rows: CorruptionRow[] = [];
  for (const result of passes) {
    if (result.pass.kind === 'clean') clean = result;
    else rows.push(corruptionRow(result.pass.corruption.kind, result.pass.corruption.severity, evaluateReport(result.outcomes, unmapped)));
  }
  if (!clean) throw new Error('no clean pass ran');
  const images = clean.outcomes.length;
  const latency = { perImageMs: images > 0 ? clean.totalMs / images : null, totalMs: clean.totalMs, images };
  return entryDocument(identity, evaluateReport(clean.outcomes, unmapped), rows, latency, names);
}

/** The report's document around its entries; `device` is what ran them. */
export function dataDocument(entries: EntryDocument[], plan: ImagePlan | null, folder: DataFolder, device: Record<string, unknown>): EvaluateDocument {
  return {
    entries,
    unmapped: plan?.unmapped ?? 0,
    unmappedFolders: unmappedFolders(plan?.unmappedGroups ?? []),
    nonImages: folder.layout.nonImages.length,
    device,
  };
}

/** The folder's layout on stderr, its CSV's errors; the class names of the scorer. */
export async function readDataRun(options: EvalOptions): Promise<{ folder: DataFolder; synsets: string[] }> {
  const folder = await readDataFolder(options.data ?? '.', options.labels);
  const { layout } = folder;
  process.stderr.write(`${layout.images.length} image(s), ${layout.nonImages.length} other file(s); labelled by ${layout.csvPath ?? 'sub-folder'}\n`);
  for (const error of layout.csvErrors.slice(0, 10)) process.stderr.write(`  CSV line ${error.line}: ${error.message}\n`);
  return { folder, synsets: await readSynsets() };
}

/** What is said after the entries: the images not scored and why. */
export function notScoredLines(plan: ImagePlan | null, folder: DataFolder): string[] {
  const lines = (plan?.unmappedGroups ?? []).map((group) => `not scored: ${group.label} (${group.count}): ${group.reason}`);
  if (folder.layout.nonImages.length > 0) lines.push(`not images, not scored: ${folder.layout.nonImages.length}`);
  return lines;
}

/** The page's browser, for the report's `device`. */
export async function pageDevice(target: EvalTarget): Promise<{ userAgent: string; cores: number; isolated: boolean }> {
  return target.page.evaluate(() => ({ userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, isolated: globalThis.crossOriginIsolated }));
}

export async function runEvalData(target: EvalTarget, options: EvalOptions, models: readonly string[], out: (line: string) => void): Promise<number> {
  const { folder, synsets } = await readDataRun(options);
  const entries: EntryDocument[] = [];
  let first: ImagePlan | null = null;
  for (const model of models) {
    const entry = await prepareEntry(target, options, model, folder, synsets);
    const passes = await runPasses(target, options, entry.prepared.spec, entry.images, model);
    const document = entryFromPasses(entry.identity, passes, entry.plan.unmapped, entry.names);
    first ??= entry.plan;
    entries.push(document);
    for (const line of dataEntryLines(document)) out(line);
  }
  for (const line of notScoredLines(first, folder)) out(line);
  if (options.json) {
    const device = await pageDevice(target);
    const document = dataDocument(entries, first, folder, { ...device, backend: entries[0]?.backend ?? options.backend });
    await writeFile(options.json, `${JSON.stringify(document, null, 2)}\n`);
    process.stderr.write(`wrote ${options.json}\n`);
  }
  return 0;
}
