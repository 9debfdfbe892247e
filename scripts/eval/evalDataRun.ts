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
import { entryDocument, type EntryDocument, type EvaluateDocument } from '../../src/features/evaluate/shared/evaluateJson';
import { planImages, plannedPasses, type ScoredImage, unmappedFolders } from '../../src/features/evaluate/shared/evaluatePlan';
import { kerasOrderNames } from '../../src/features/evaluate/shared/modelClasses';
import type { EvalOptions } from './evalArgs';
import { readDataFolder, readSynsets } from './evalFolder';
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

async function evaluateModel(target: EvalTarget, options: EvalOptions, modelId: string, folder: Awaited<ReturnType<typeof readDataFolder>>, synsets: string[]) {
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
  let clean: { report: ReturnType<typeof evaluateReport>; totalMs: number } | null = null;
  const rows: CorruptionRow[] = [];
  for (const pass of plannedPasses(options.corruptions, options.severities)) {
    const label = pass.kind === 'clean' ? 'clean' : `${pass.corruption.kind} ${pass.corruption.severity}`;
    process.stderr.write(`[${modelId}] ${label}: ${images.length} image(s)…\n`);
    const { outcomes, totalMs } = await classifyPass(target, prepared.spec, images, options.batch, pass.kind === 'clean' ? undefined : pass.corruption);
    const report = evaluateReport(outcomes, plan.unmapped);
    if (pass.kind === 'clean') clean = { report, totalMs };
    else rows.push(corruptionRow(pass.corruption.kind, pass.corruption.severity, report));
  }
  if (!clean) throw new Error('no clean pass ran');
  const latency = { perImageMs: images.length > 0 ? clean.totalMs / images.length : null, totalMs: clean.totalMs, images: images.length };
  return { document: entryDocument(identity, clean.report, rows, latency, names), plan };
}

export async function runEvalData(target: EvalTarget, options: EvalOptions, models: readonly string[], out: (line: string) => void): Promise<number> {
  const folder = await readDataFolder(options.data ?? '.', options.labels);
  const { layout } = folder;
  process.stderr.write(`${layout.images.length} image(s), ${layout.nonImages.length} other file(s); labelled by ${layout.csvPath ?? 'sub-folder'}\n`);
  for (const error of layout.csvErrors.slice(0, 10)) process.stderr.write(`  CSV line ${error.line}: ${error.message}\n`);
  const synsets = await readSynsets();
  const entries: EntryDocument[] = [];
  let first: ReturnType<typeof planImages> | null = null;
  for (const model of models) {
    const { document, plan } = await evaluateModel(target, options, model, folder, synsets);
    first ??= plan;
    entries.push(document);
    for (const line of dataEntryLines(document)) out(line);
  }
  for (const group of first?.unmappedGroups ?? []) out(`not scored: ${group.label} (${group.count}): ${group.reason}`);
  if (layout.nonImages.length > 0) out(`not images, not scored: ${layout.nonImages.length}`);
  if (options.json) {
    const device = await target.page.evaluate(() => ({
      userAgent: navigator.userAgent,
      cores: navigator.hardwareConcurrency,
      isolated: globalThis.crossOriginIsolated,
    }));
    const document: EvaluateDocument = {
      entries,
      unmapped: first?.unmapped ?? 0,
      unmappedFolders: unmappedFolders(first?.unmappedGroups ?? []),
      nonImages: layout.nonImages.length,
      device: { ...device, backend: entries[0]?.backend ?? options.backend },
    };
    await writeFile(options.json, `${JSON.stringify(document, null, 2)}\n`);
    process.stderr.write(`wrote ${options.json}\n`);
  }
  return 0;
}
