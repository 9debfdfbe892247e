/** `npm run teach`: flags → class folders → headless harness → embed, teach, score → printed figures (and JSON). */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseTeachArgs, TEACH_HELP, type TeachOptions } from './teachArgs';
import { loadTeachSet, type TeachSet } from './teachData';
import { harnessIsStale } from '../common/harnessBuild';
import { openHarness } from '../common/headless';
import type { LumenHarness } from '../../src/harness/main';
import { teachProblem } from '../../src/features/teach/shared/checks';
import { DEFAULT_DENSE, DEFAULT_KNN_TEMPERATURE, type DenseOptions, type TeachEvaluation } from '../../src/features/teach/shared/teach';

export interface TeachRun {
  backend: string;
  evaluation: TeachEvaluation;
  embedMs: number;
  trainMs: number;
  dim: number;
  at: string;
  failures: string[];
}

interface PageJob {
  backend: string;
  base: string;
  method: 'knn' | 'dense';
  classes: string[];
  images: { url: string; name: string; test: boolean; classIndex: number }[];
  dense: DenseOptions;
  temperature: number;
}

/** In the page: the app's client → worker: embed every image (one request), then teach and score. */
async function runInPage(job: PageJob): Promise<TeachRun> {
  const harness = (window as unknown as { lumenHarness: LumenHarness }).lumenHarness;
  const engine = await harness.engine.init({ backend: job.backend as 'wasm' });
  const base = await harness.spec(job.base);
  await harness.engine.load({ model: base });
  const images = await Promise.all(job.images.map(async (i) => ({ name: i.name, kind: 'blob' as const, blob: await harness.blob(i.url) })));
  const vectors: (Float32Array | null)[] = images.map(() => null);
  const failures: string[] = [];
  const embedStart = performance.now();
  const embedded = await harness.engine.teachEmbed(
    { base, images },
    {
      onEvent: (event) => {
        if (event.type !== 'teach-embedding') return;
        if (event.embedding.status === 'ok') vectors[event.index] = event.embedding.vector;
        else failures.push(`${event.embedding.name}: ${event.embedding.message}`);
      },
    },
  ).result;
  const embedMs = performance.now() - embedStart;
  const train = { vectors: [] as Float32Array[], labels: [] as number[] };
  const test = { vectors: [] as Float32Array[], labels: [] as number[] };
  job.images.forEach((image, i) => {
    const vector = vectors[i];
    if (!vector) return;
    const set = image.test ? test : train;
    set.vectors.push(vector);
    set.labels.push(image.classIndex);
  });
  let last = 0;
  const result = await harness.engine.teachTrain(
    { base, method: job.method, classes: job.classes, train, test, dense: job.dense, temperature: job.temperature },
    {
      onEvent: (event) => {
        if (event.type !== 'teach-epoch' || performance.now() - last < 2000) return;
        last = performance.now();
        const { epoch, epochs, loss, accuracy, valAccuracy } = event.epoch;
        console.log(`[teach] epoch ${epoch}/${epochs}: loss ${loss.toFixed(3)} accuracy ${accuracy.toFixed(3)} held-out ${valAccuracy?.toFixed(3) ?? '-'}`);
      },
    },
  ).result;
  return { backend: engine.backend, evaluation: result.evaluation, embedMs, trainMs: result.trainMs, dim: embedded.dim, at: embedded.at, failures };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);

/** The confusion matrix as a text table: rows the true class, columns the predicted one. */
export function confusionTable(classes: readonly string[], confusion: readonly (readonly number[])[]): string[] {
  const width = Math.max('true \\ predicted'.length, ...classes.map((c) => c.length));
  const cell = Math.max(5, ...classes.map((c) => Math.min(c.length, 10) + 1));
  const head = `${'true \\ predicted'.padEnd(width)} ${classes.map((c) => c.slice(0, 10).padStart(cell)).join('')}`;
  return [head, ...classes.map((c, i) => `${c.padEnd(width)} ${(confusion[i] ?? []).map((n) => String(n).padStart(cell)).join('')}`)];
}

export function teachDocument(options: TeachOptions, set: TeachSet, run: TeachRun) {
  return {
    base: options.base,
    method: options.method,
    backend: run.backend,
    classes: set.classes,
    train: set.split.train.map((s) => ({ file: basename(s.item), class: set.classes[s.classIndex] })),
    test: set.split.test.map((s, i) => ({
      file: basename(s.item),
      class: set.classes[s.classIndex],
      predicted: set.classes[run.evaluation.predicted[i] ?? -1] ?? null,
    })),
    accuracy: run.evaluation.accuracy,
    confusion: run.evaluation.confusion,
    embedding: { at: run.at, dim: run.dim },
    embedMs: run.embedMs,
    trainMs: run.trainMs,
  };
}

export async function runTeachCli(argv: readonly string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  let options: TeachOptions;
  try {
    options = parseTeachArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${TEACH_HELP}`);
    return 2;
  }
  if (options.help) {
    out(TEACH_HELP);
    return 0;
  }
  let headless: Awaited<ReturnType<typeof openHarness>> | null = null;
  try {
    const set = await loadTeachSet(options.data, options.split);
    const counts = set.classes.map((name, i) => ({ name, count: set.split.train.filter((s) => s.classIndex === i).length }));
    const problem = teachProblem(counts);
    if (problem) throw new Error(problem);
    process.stderr.write(`${set.classes.length} classes from ${set.dir}: ${set.split.train.length} train, ${set.split.test.length} test images\n`);
    headless = await openHarness({ rebuild: options.rebuild || (await harnessIsStale()) });
    const { localUrl } = headless;
    headless.page.on('console', (message) => process.stderr.write(`${message.text()}\n`));
    const images = [
      ...set.split.train.map((s) => ({ path: s.item, classIndex: s.classIndex, test: false })),
      ...set.split.test.map((s) => ({ path: s.item, classIndex: s.classIndex, test: true })),
    ].map((i) => ({ url: localUrl(i.path), name: basename(i.path), test: i.test, classIndex: i.classIndex }));
    const job: PageJob = {
      backend: options.backend,
      base: options.base,
      method: options.method,
      classes: set.classes,
      images,
      dense: { ...DEFAULT_DENSE, epochs: options.epochs },
      temperature: DEFAULT_KNN_TEMPERATURE,
    };
    const run = await headless.page.evaluate(runInPage, job);
    for (const failure of run.failures) out(`  skipped: ${failure}`);
    out(`teach ${options.method} on ${options.base} (${run.backend}; embedding ${run.dim} values at ${run.at})`);
    out(
      `held-out accuracy ${pct(run.evaluation.accuracy)} on ${set.split.test.length} images, ${set.classes.length} classes (chance ${pct(1 / set.classes.length)})`,
    );
    for (const line of confusionTable(set.classes, run.evaluation.confusion)) out(`  ${line}`);
    out(`embedding ${images.length} images: ${(run.embedMs / 1000).toFixed(1)} s · training the ${options.method} head: ${run.trainMs.toFixed(0)} ms`);
    if (options.json) {
      await writeFile(options.json, JSON.stringify(teachDocument(options, set, run), null, 2));
      process.stderr.write(`wrote ${options.json}\n`);
    }
    return 0;
  } catch (error) {
    console.error(`teach failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await headless?.close();
  }
}
