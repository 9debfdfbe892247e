/**
 * One `npm run bench` on one harness page: the sweep (app and bare interleaved), the peer
 * comparison, the page peers, --auto's measured choice and --drop's photos, in that order, in the
 * page's one worker. bench.ts runs it on the local browser, or once on each --connect endpoint.
 */
import { resolve } from 'node:path';
import type { Headless } from '../common/headless';
import { catalogModels } from '../eval/evalFamily';
import { PEER_MODEL, type BenchCli } from './benchArgs';
import { DROP_DIR, dropFiles, runDrop, type DropRun } from './benchDrop';
import { reportRows, type ReportRow } from './benchReport';
import { autoOverBest, type AutoOverBest } from './benchAuto';
import { racePagePeers } from './benchPagePeers';
import { benchRows, type BenchConfig, type BenchRow, type BenchRun } from '../../src/features/benchmark/shared/benchRun';
import type { PeerRaceResult } from '../../src/harness/peers/race';
import { familyMembers } from '../../src/shared/models/family';
import type { LumenHarness } from '../../src/harness/main';
import type { BenchVariant } from '../../src/features/benchmark/shared/messages';

type HarnessWindow = Window & { lumenHarness: LumenHarness };

/** Everything one page measured, for benchOutput to print and write. */
export interface BenchResults {
  sweep: BenchRun;
  peerRun: BenchRun | null;
  pagePeers: PeerRaceResult[];
  /** The sweep's rows and the peer run's. */
  rows: BenchRow[];
  autos: AutoOverBest[];
  autoRows: ReportRow[];
  drops: DropRun[];
}

/** Runs the whole bench on `headless`'s page; `asked` are the models before --runtime, which --auto chooses for. */
export async function runBenchSession(headless: Headless, cli: BenchCli, asked: readonly string[]): Promise<BenchResults> {
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
  const autos: AutoOverBest[] = [];
  const autoRows: ReportRow[] = [];
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
  return { sweep, peerRun, pagePeers, rows, autos, autoRows, drops };
}
