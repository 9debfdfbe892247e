/** `npm run models`: flags → installModels → summary and exit code. */
import { HELP, parseCli, type CliOptions } from './args';
import { installModels, type InstallOptions, type InstallReport } from '../models/install';
import { formatSharedSkipped, formatSummary } from './summary';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIo: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };

/** Runs the CLI; returns the exit code. `overrides` (fetch, npm runner, cwd...) are for tests. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo, overrides: InstallOptions = {}): Promise<number> {
  let cli: CliOptions;
  try {
    cli = parseCli(argv);
  } catch (err) {
    io.err(`models: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    return 2;
  }
  if (cli.help) {
    io.out(HELP);
    return 0;
  }
  let report: InstallReport;
  try {
    report = await installModels({
      from: cli.from,
      baseUrl: cli.baseUrl,
      only: cli.only,
      selfHost: cli.selfHost,
      catalogPath: cli.catalog,
      outDir: cli.out,
      cacheDir: cli.cacheDir,
      log: cli.quiet ? undefined : (line) => io.out(line),
      ...overrides,
    });
  } catch (err) {
    io.err(`models: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  io.out(`\n${formatSummary(report)}`);
  const banner = formatSharedSkipped(report);
  if (banner) io.err(`\n${banner}`);
  else if (report.fromMissing)
    io.err(`\nnote: --from directory ${report.fromMissing} does not exist (not needed this time: nothing had to be fetched from it).`);

  const failed = report.models.filter((r) => r.status === 'FAILED');
  const tolerated = failed.filter((r) => cli.allowMissing || (cli.optionalFrom && r.sharedSourceMissing && report.fromMissing));
  if (failed.length === 0) return 0;
  if (tolerated.length === failed.length) {
    const flag = cli.allowMissing ? '--allow-missing' : '--optional-from';
    io.err(`\nwarning: ${failed.length} model(s) not installed (${failed.map((r) => r.id).join(', ')}); continuing because of ${flag}.`);
    return 0;
  }
  io.err(`\nerror: ${failed.length} model(s) failed: ${failed.map((r) => r.id).join(', ')} (pass --allow-missing to continue without them).`);
  return 1;
}
