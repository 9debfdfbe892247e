/**
 * `npm run bench`: the in-page benchmark, headless. The built app's own worker runs the sweep
 * (app and bare interleaved), then the peer comparison (app classify path vs
 * @tensorflow-models/mobilenet, interleaved), then with --drop a drop of real photos through the
 * app's classify requests; the table and ratios are printed, --json writes them.
 */
import { writeFileSync } from 'node:fs';
import { openHarness } from './common/headless';
import { catalogModels, modelOnRuntime } from './eval/evalFamily';
import { BENCH_HELP, parseBenchCli, type BenchCli } from './bench/benchArgs';
import { reportRows } from './bench/benchReport';
import { benchDocument, benchLines } from './bench/benchOutput';
import { runBenchFleet } from './bench/benchFleet';
import { runBenchSession } from './bench/benchSession';
import { parseChoice } from '../src/shared/weights/choice';

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
const argv = process.argv.slice(2);
if (cli.connect !== null) {
  try {
    process.exitCode = await runBenchFleet(cli, asked, argv);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
} else {
  const headless = await openHarness({ rebuild: cli.build, isolated: cli.isolated });
  headless.page.on('console', (m) => m.text().startsWith('[bench]') && console.error(m.text()));
  let exitCode = 0;
  try {
    const results = await runBenchSession(headless, cli, asked);
    for (const line of benchLines(results, cli)) console.log(line);
    if (cli.json) {
      writeFileSync(cli.json, `${JSON.stringify(benchDocument(results, cli, argv), null, 2)}\n`);
      console.log(`wrote ${cli.json}`);
    }
    if (reportRows(results.rows, 'app').length === 0) exitCode = 1;
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exitCode = 1;
  } finally {
    await headless.close();
  }
  process.exitCode = exitCode;
}
