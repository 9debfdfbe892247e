/** What `npm run bench` prints for one page's results, and the JSON document it writes of them. */
import type { BenchCli } from './benchArgs';
import { PEER_MODEL } from './benchArgs';
import { dropRatios, formatDrops } from './benchDrop';
import { formatColdStart, formatEnvironment, formatFailures, formatRatios, formatTable, reportRows } from './benchReport';
import { formatAutoLines } from './benchAuto';
import { appOverPagePeer, formatPagePeers } from './benchPagePeers';
import type { BenchResults } from './benchSession';
import { coldStartRows } from '../../src/features/benchmark/shared/benchRun';
import { benchRatios } from '../../src/features/benchmark/shared/benchCompare';

/** The printed report: environment, tables, cold start, ratios, long tasks. */
export function benchLines(results: BenchResults, cli: BenchCli): string[] {
  const { sweep, peerRun, rows, autoRows, drops } = results;
  const lines: string[] = [];
  const input = cli.image ? 'images' : 'random';
  lines.push(`\n${formatEnvironment(sweep.environment)}`);
  lines.push(
    `input: ${sweep.combos[0]?.summary?.inputNote ?? input}; warm-up ${cli.warmup}, ${cli.durationMs ? `${cli.durationMs / 1000} s` : `${cli.runs} runs`} per batch size\n`,
  );
  lines.push('app (forward pass + read-back, input built once per batch size), ms:');
  lines.push(formatTable(reportRows(rows, 'app')));
  if (autoRows.length > 0) lines.push(`\nthe measured automatic choice (--auto), ms:\n${formatTable(autoRows)}`);
  if (cli.bare) lines.push(`\nbare model (execute/predict + read-back, same worker and input), ms:\n${formatTable(reportRows(rows, 'bare'))}`);
  if (peerRun) {
    lines.push(`\n${PEER_MODEL}: app classify path (preprocess + forward + read-back + top-5) vs peer classify(), batch 1, ms:`);
    const named = (variant: string, who: string) => reportRows(rows, variant).map((r) => ({ ...r, model: who }));
    lines.push(formatTable([...named('pipeline:tf-ops', 'app classify path'), ...named('peer', 'peer classify()')]));
  }
  lines.push('');
  lines.push(
    ...formatColdStart(coldStartRows(sweep)),
    ...formatFailures(rows),
    ...formatRatios(benchRatios(rows)),
    ...formatPagePeers(results.pagePeers),
    ...formatAutoLines(results.autos),
    ...(cli.drop > 0 ? formatDrops(drops, dropRatios(drops, rows)) : []),
  );
  lines.push(`main-thread long tasks during the sweep: ${sweep.longTasks.count} (longest ${sweep.longTasks.longestMs.toFixed(0)} ms)`);
  return lines;
}

/** The `--json` document of one page's results (README, "Headless tools"). */
export function benchDocument(results: BenchResults, cli: BenchCli, argv: readonly string[]) {
  const { sweep, rows, autos, autoRows, drops, pagePeers } = results;
  const ratios = benchRatios(rows);
  const dropVsBare = dropRatios(drops, rows);
  return {
    environment: sweep.environment,
    rows: reportRows(rows, 'app'),
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
      dropOverBare: dropVsBare.length ? Math.min(...dropVsBare.map((r) => r.ratio)) : null,
      drop: dropVsBare,
    },
    drops,
    pagePeers,
    reference: { bare: reportRows(rows, 'bare'), appPipeline: reportRows(rows, 'pipeline:tf-ops'), peer: reportRows(rows, 'peer') },
    coldStart: coldStartRows(sweep),
    config: { command: `npm run bench -- ${argv.join(' ')}`.trim(), ...cli },
    failures: formatFailures(rows),
  };
}
