/**
 * `npm run bench`: the in-page benchmark, headless. The built app's own worker runs the sweep
 * (app and bare interleaved), then the peer comparison (app classify path vs
 * @tensorflow-models/mobilenet, interleaved), then with --drop a drop of real photos through the
 * app's classify requests; the table and ratios are printed, --json writes them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openHarness } from './common/headless';
import { catalogModels, modelOnRuntime } from './eval/evalFamily';
import { BENCH_HELP, PEER_MODEL, parseBenchCli, type BenchCli } from './bench/benchArgs';
import { DROP_DIR, dropFiles, dropRatios, formatDrops, runDrop, type DropRun } from './bench/benchDrop';
import { formatColdStart, formatEnvironment, formatFailures, formatRatios, formatTable, reportRows } from './bench/benchReport';
import { benchRows, coldStartRows, type BenchConfig, type BenchRun } from '../src/features/benchmark/shared/benchRun';
import { benchRatios } from '../src/features/benchmark/shared/benchCompare';
import { autoOverBest, formatAutoLines, type AutoOverBest } from './bench/benchAuto';
import { appOverPagePeer, formatPagePeers, racePagePeers } from './bench/benchPagePeers';
import type { PeerRaceResult } from '../src/harness/peers/race';
import { familyMembers } from '../src/shared/models/family';
import { parseChoice } from '../src/shared/weights/choice';
import type { LumenHarness } from '../src/harness/main';
import type { BenchVariant } from '../src/features/benchmark/shared/messages';

type HarnessWindow = Window & { lumenHarness: LumenHarness };

let cli: BenchCli;
try {
  cli = parseBenchCli(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${BENCH_HELP}`);
  process.exit(2);
}
if (cli.help) {
  console.log(BENCH_HELP);
  process.exit(0);
}
if (!cli.image) console.error('bench: no input image (../shared absent or --image random): using random pixels.');

/** The models asked for, before --runtime swaps in family members: --auto chooses for these. */
const asked = [...new Set(cli.models.map((key) => parseChoice(key).id))];
if (cli.runtimes.length > 0) {
  const catalog = await catalogModels();
  // A model with no member on a runtime is skipped on it and said so, as the Benchmark form does.
  const pairs = cli.models.flatMap((id) =>
    cli.runtimes.map((runtime) => {
      try {
        return { id: modelOnRuntime(catalog, id, runtime), why: null };
      } catch (error) {
        return { id: null, why: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  for (const { why } of pairs) if (why) console.error(`bench: skipped: ${why}`);
  cli.models = [...new Set(pairs.flatMap(({ id }) => (id ? [id] : [])))];
  if (cli.models.length === 0) {
    console.error('bench: no --model has a member on any --runtime given');
    process.exit(2);
  }
  console.error(`bench: --runtime ${cli.runtimes.join(',')}: ${cli.models.join(', ')}`);
}
const headless = await openHarness({ rebuild: cli.build, isolated: cli.isolated });
headless.page.on('console', (m) => m.text().startsWith('[bench]') && console.error(m.text()));
const imageUrls = cli.image ? [headless.localUrl(cli.image)] : [];
const bench = (config: BenchConfig): Promise<BenchRun> =>
  headless.page.evaluate(([c, urls]) => (window as unknown as HarnessWindow).lumenHarness.bench(c, urls), [config, imageUrls] as const);

const base = {
  backends: cli.backends,
  warmup: cli.warmup,
  runs: cli.runs,
  durationMs: cli.durationMs,
  input: cli.image ? ('images' as const) : ('random' as const),
};
let exitCode = 0;
try {
  const variants: BenchVariant[] = [{ kind: 'model', method: 'auto' }, ...(cli.bare ? [{ kind: 'bare' } as const] : [])];
  const sweep = await bench({ ...base, kind: 'sweep', models: cli.models, batches: cli.batches, variants, coldStart: true });
  let peerRun: BenchRun | null = null;
  if (cli.peer) {
    const modelUrl = await headless.page.evaluate((id) => (window as unknown as HarnessWindow).lumenHarness.spec(id).then((s) => s.modelUrl), PEER_MODEL);
    const peerVariants: BenchVariant[] = [
      { kind: 'pipeline', preprocess: 'backend' },
      { kind: 'peer', modelUrl },
    ];
    peerRun = await bench({ ...base, kind: 'methods', models: [PEER_MODEL], batches: [1], variants: peerVariants, coldStart: false });
  }
  // The page peers need a real image: their pipelines decode it, as the app's classify request does.
  const pagePeers: PeerRaceResult[] = cli.peer && imageUrls[0] ? await racePagePeers(headless.page, imageUrls[0], { warmup: cli.warmup, runs: cli.runs }) : [];
  const rows = [...benchRows(sweep), ...(peerRun ? benchRows(peerRun) : [])];
  const ratios = benchRatios(rows);
  const autos: AutoOverBest[] = [];
  const autoRows: ReturnType<typeof reportRows> = [];
  if (cli.auto) {
    const catalog = await catalogModels();
    const swept = reportRows(rows, 'app');
    for (const id of asked) {
      const choice = await headless.page.evaluate(([model, backend]) => (window as unknown as HarnessWindow).lumenHarness.choose(model, backend), [
        id,
        cli.backends[0] ?? 'wasm',
      ] as const);
      const { decision } = choice;
      console.error(`bench: --auto ${id}: ${decision.summary}`);
      // The page restarts its worker for a choice that needs other wasm threads; so does the bench, for this row only.
      const setWorkerThreads = (threads: number | null) =>
        headless.page.evaluate((t) => (window as unknown as HarnessWindow).lumenHarness.restartWithWasmThreads(t), threads);
      if (choice.wasmThreads !== null) await setWorkerThreads(choice.wasmThreads);
      const run = await bench({
        ...base,
        backends: [decision.backend],
        kind: 'sweep',
        models: [decision.modelId ?? id],
        batches: [decision.batch],
        variants: [{ kind: 'model', method: 'auto' }],
        coldStart: false,
      });
      if (choice.wasmThreads !== null) await setWorkerThreads(null);
      const [row] = reportRows(benchRows(run), 'app');
      if (!row) continue;
      autoRows.push(row);
      const family = familyMembers(catalog, id).map((m) => m.id);
      const result = autoOverBest(id, family, row, swept, decision.summary);
      if (result) autos.push(result);
    }
  }
  // The drop runs after the sweep, in the same worker, so the bare rows it is held against are this run's.
  const drops: DropRun[] = [];
  if (cli.drop > 0) {
    const urls = dropFiles(DROP_DIR, cli.drop).map((path) => headless.localUrl(resolve(path)));
    for (const model of cli.models) for (const backend of cli.backends) drops.push(await runDrop(headless.page, urls, model, backend, cli.dropRuns));
  }
  const dropVsBare = dropRatios(drops, rows);
  const dropOverBare = dropVsBare.length ? Math.min(...dropVsBare.map((r) => r.ratio)) : null;
  const app = reportRows(rows, 'app');

  console.log(`\n${formatEnvironment(sweep.environment)}`);
  console.log(
    `input: ${sweep.combos[0]?.summary?.inputNote ?? base.input}; warm-up ${cli.warmup}, ${cli.durationMs ? `${cli.durationMs / 1000} s` : `${cli.runs} runs`} per batch size\n`,
  );
  console.log('app (forward pass + read-back, input built once per batch size), ms:');
  console.log(formatTable(app));
  if (autoRows.length > 0) console.log(`\nthe measured automatic choice (--auto), ms:\n${formatTable(autoRows)}`);
  if (cli.bare) console.log(`\nbare model (execute/predict + read-back, same worker and input), ms:\n${formatTable(reportRows(rows, 'bare'))}`);
  if (peerRun) {
    console.log(`\n${PEER_MODEL}: app classify path (preprocess + forward + read-back + top-5) vs peer classify(), batch 1, ms:`);
    const named = (variant: string, who: string) => reportRows(rows, variant).map((r) => ({ ...r, model: who }));
    console.log(formatTable([...named('pipeline:tf-ops', 'app classify path'), ...named('peer', 'peer classify()')]));
  }
  console.log('');
  for (const line of [
    ...formatColdStart(coldStartRows(sweep)),
    ...formatFailures(rows),
    ...formatRatios(ratios),
    ...formatPagePeers(pagePeers),
    ...formatAutoLines(autos),
    ...(cli.drop > 0 ? formatDrops(drops, dropVsBare) : []),
  ])
    console.log(line);
  console.log(`main-thread long tasks during the sweep: ${sweep.longTasks.count} (longest ${sweep.longTasks.longestMs.toFixed(0)} ms)`);

  if (cli.json) {
    const document = {
      environment: sweep.environment,
      rows: app,
      ...(cli.auto ? { auto: { rows: autoRows.map((r) => ({ ...r, auto: true })), choices: autos } } : {}),
      ratios: {
        ...(cli.auto ? { autoOverBest: autos.length > 0 ? Math.min(...autos.map((a) => a.ratio)) : null } : {}),
        appOverBare: ratios.appOverBare,
        appOverPeer: ratios.appOverPeer,
        appOverTransformersJs: appOverPagePeer(pagePeers, 'transformers.js'),
        appOverMediaPipe: appOverPagePeer(pagePeers, 'mediapipe'),
        basis: 'p50',
        appOverBareMean: ratios.appOverBareMean,
        appOverPeerMean: ratios.appOverPeerMean,
        bare: ratios.bare,
        peer: ratios.peer,
        dropOverBare,
        drop: dropVsBare,
      },
      drops,
      pagePeers,
      reference: { bare: reportRows(rows, 'bare'), appPipeline: reportRows(rows, 'pipeline:tf-ops'), peer: reportRows(rows, 'peer') },
      coldStart: coldStartRows(sweep),
      config: { command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), ...cli },
      failures: formatFailures(rows),
    };
    writeFileSync(cli.json, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${cli.json}`);
  }
  if (app.length === 0) exitCode = 1;
} catch (error) {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await headless.close();
}
process.exitCode = exitCode;
