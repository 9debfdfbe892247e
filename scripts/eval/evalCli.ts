/** `npm run eval`: flags → headless harness → classify every image → printed figures (and JSON). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_IMAGES, EVAL_HELP, parseEvalArgs, type EvalOptions } from './evalArgs';
import { loadEvalSet, type EvalImage, type EvalSet } from './evalData';
import { checkLabelMap, ambiguousNames, labelMapLines } from './evalLabelMap';
import { accuracyLine, agreementLines, evalDocument, photoTable, referenceLine, REFERENCE_SET_SIZE, timingLine } from './evalReport';
import { classifyAll, prepareModel, type EvalTarget, type PreparedModel } from './evalRun';
import { agreement, percent, scoreAccuracy, type ImageOutcome } from './evalScore';
import { harnessIsStale } from '../common/harnessBuild';
import { openHarness } from '../common/headless';
import type { BackendName } from '../../src/engine/shared/types';
import { catalogModels, installedMembers, isQuantized, memberAgreementLines, modelOnRuntime } from './evalFamily';
import { runEvalData } from './evalDataRun';
import { openFleet, type Fleet } from '../common/fleet';
import { runEvalDataFleet } from './evalFleet';
import { runImagesFleet } from './evalImagesFleet';

/** Progress on stderr: one line per chunk, with the running score for accuracy sets. */
function progressReporter(tag: string, images: readonly EvalImage[]) {
  const started = performance.now();
  let done = 0;
  let top1 = 0;
  return (start: number, outcomes: readonly ImageOutcome[]): void => {
    outcomes.forEach((o, i) => {
      if (o.ok && o.top5[0] === images[start + i]?.label) top1++;
    });
    done += outcomes.length;
    const elapsed = performance.now() - started;
    const eta = ((elapsed / done) * (images.length - done)) / 1000;
    const score = images[0]?.label !== null ? ` top-1 so far ${percent(top1 / done)}` : '';
    process.stderr.write(
      `[${tag}] ${String(done).padStart(String(images.length).length)}/${images.length}${score} · ${(elapsed / done).toFixed(0)} ms/image · eta ${eta.toFixed(0)} s\n`,
    );
  };
}

interface Run {
  prepared: PreparedModel;
  outcomes: ImageOutcome[];
  ms: number;
}

async function runOne(target: EvalTarget, options: EvalOptions, backend: BackendName, set: EvalSet): Promise<Run> {
  process.stderr.write(`[${backend}] loading ${options.model}…\n`);
  const prepared = await prepareModel(target.page, options.model, backend, options.weights, options.cropFraction);
  process.stderr.write(
    `[${backend}] ${prepared.engine.backend} ready (${prepared.engine.reason}); ${prepared.spec.name} loaded in ${prepared.model.loadMs.toFixed(0)} ms\n`,
  );
  const crop = prepared.spec.centerCrop;
  if (crop)
    process.stderr.write(
      `[${backend}] preprocessing: shorter side to ${crop.shortestEdge}, centre ${prepared.spec.inputSize.join('×')} (torchvision's evaluation transform)\n`,
    );
  const started = performance.now();
  const outcomes = await classifyAll(target, prepared.spec, set.images, { batchSize: options.batch, onChunk: progressReporter(backend, set.images) });
  return { prepared, outcomes, ms: performance.now() - started };
}

function report(options: EvalOptions, backend: string, set: EvalSet, run: Run): string[] {
  const lines: string[] = [];
  if (set.kind === 'photos') lines.push(...photoTable(options.model, backend, set.images, run.outcomes));
  else {
    const acc = scoreAccuracy(
      run.outcomes,
      set.images.map((i) => i.label ?? -1),
    );
    lines.push(accuracyLine(options.weights === 'float32' ? options.model : `${options.model} (${options.weights} weights)`, backend, acc));
    // The reference figures are for the whole imagenet-sample folder, nothing else.
    const fullSet = resolve(set.dir) === resolve(DEFAULT_IMAGES) && set.images.length === REFERENCE_SET_SIZE;
    lines.push(referenceLine(options.model, acc, fullSet));
    const { spec, labels } = run.prepared;
    if (spec.labelOrder !== 'keras' && spec.kerasIndex) {
      lines.push(...labelMapLines(checkLabelMap(ambiguousNames(labels, spec.kerasIndex), set.images, run.outcomes)));
    }
  }
  const errors = run.outcomes.filter((o) => !o.ok);
  for (const e of errors.slice(0, 5)) if (!e.ok) lines.push(`  failed: ${e.file}: ${e.error}`);
  lines.push(timingLine(run.outcomes.length, run.ms, run.prepared.model.loadMs, run.prepared.model.warmupMs));
  return lines;
}

async function writeJson(path: string, options: EvalOptions, backend: string, set: EvalSet, outcomes: ImageOutcome[]): Promise<void> {
  const acc =
    set.kind === 'accuracy'
      ? scoreAccuracy(
          outcomes,
          set.images.map((i) => i.label ?? -1),
        )
      : null;
  await writeFile(path, JSON.stringify({ ...evalDocument(options.model, backend, set, outcomes, acc), weights: options.weights }));
  process.stderr.write(`wrote ${path}\n`);
}

/** Every installed member of a family, one after another, then (with --agree) each against the first. */
async function runFamily(target: EvalTarget, options: EvalOptions, family: string, set: EvalSet, out: (line: string) => void): Promise<number> {
  const models = await catalogModels();
  const { run, missing } = installedMembers(models, family);
  if (missing.length > 0) out(`not installed here, not run: ${missing.join(', ')} (npm run models)`);
  const runs: Run[] = [];
  for (const member of run) {
    const memberOptions = { ...options, model: member.id };
    const result = await runOne(target, memberOptions, options.backend, set);
    runs.push(result);
    for (const line of report(memberOptions, `${result.prepared.model.runtime ?? 'tfjs'} ${result.prepared.engine.backend}`, set, result)) out(line);
    if (options.json) await writeJson(options.json.replace(/(\.json)?$/, `.${member.id}.json`), memberOptions, options.backend, set, result.outcomes);
  }
  const [head, ...rest] = run;
  const [headRun, ...restRuns] = runs;
  if (options.agreeMembers && head && headRun) {
    rest.forEach((member, i) => {
      const memberRun = restRuns[i];
      if (memberRun)
        for (const line of memberAgreementLines(head, member, agreement(headRun.outcomes, memberRun.outcomes), isQuantized(memberRun.prepared.model)))
          out(line);
    });
  }
  return 0;
}

/** Opens the --connect fleet, runs `body` on it, and closes it whatever happens. */
async function runOnFleet(options: EvalOptions, body: (fleet: Fleet) => Promise<number>): Promise<number> {
  const fleet = await openFleet(options.connect ?? [], { rebuild: options.rebuild || (await harnessIsStale()), serveHost: options.serveHost });
  try {
    return await body(fleet);
  } finally {
    await fleet.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function runEvalCli(argv: readonly string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  let options: EvalOptions;
  try {
    options = parseEvalArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${EVAL_HELP}`);
    return 2;
  }
  if (options.help) {
    out(EVAL_HELP);
    return 0;
  }
  let headless: Awaited<ReturnType<typeof openHarness>> | null = null;
  try {
    if (options.data !== null) {
      const runtime = options.runtime;
      const models = runtime === null ? options.models : options.models.map(async (id) => modelOnRuntime(await catalogModels(), id, runtime));
      const ids = await Promise.all(models);
      if (options.connect !== null) return await runOnFleet(options, (fleet) => runEvalDataFleet(fleet, options, ids, out));
      headless = await openHarness({ rebuild: options.rebuild || (await harnessIsStale()) });
      return await runEvalData({ page: headless.page, localUrl: headless.localUrl }, options, ids, out);
    }
    const set = await loadEvalSet(options.images, options.limit);
    process.stderr.write(`${set.images.length} image(s) from ${set.dir} (${set.kind})\n`);
    if (options.connect !== null) {
      if (options.runtime !== null) options = { ...options, model: modelOnRuntime(await catalogModels(), options.model, options.runtime) };
      const fleetOptions = options;
      return await runOnFleet(options, (fleet) => runImagesFleet(fleet, fleetOptions, set, out));
    }
    headless = await openHarness({ rebuild: options.rebuild || (await harnessIsStale()) });
    const first: EvalTarget = { page: headless.page, localUrl: headless.localUrl };
    if (options.family !== null) return await runFamily(first, options, options.family, set, out);
    if (options.runtime !== null) {
      options = { ...options, model: modelOnRuntime(await catalogModels(), options.model, options.runtime) };
      process.stderr.write(`--runtime ${options.runtime}: ${options.model}\n`);
    }
    if (!options.agree) {
      const run = await runOne(first, options, options.backend, set);
      for (const line of report(options, run.prepared.engine.backend, set, run)) out(line);
      if (options.json) await writeJson(options.json, options, run.prepared.engine.backend, set, run.outcomes);
      return 0;
    }
    const [a, b] = options.agree;
    const second: EvalTarget = { page: await headless.openPage(), localUrl: headless.localUrl };
    // Two pages, two workers: both backends run side by side over the same images.
    const [runA, runB] = await Promise.all([runOne(first, options, a, set), runOne(second, options, b, set)]);
    for (const line of [...report(options, a, set, runA), ...report(options, b, set, runB)]) out(line);
    for (const line of agreementLines(options.model, a, b, agreement(runA.outcomes, runB.outcomes))) out(line);
    if (options.json) {
      await writeJson(options.json.replace(/(\.json)?$/, `.${a}.json`), options, a, set, runA.outcomes);
      await writeJson(options.json.replace(/(\.json)?$/, `.${b}.json`), options, b, set, runB.outcomes);
    }
    return 0;
  } catch (error) {
    console.error(`eval failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await headless?.close();
  }
}
