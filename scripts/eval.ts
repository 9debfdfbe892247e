/**
 * `npm run eval`: accuracy of a catalog model over ../shared/images, through the app's own worker
 * in headless Chromium. Run `npm run eval -- --help` for the flags; the logic lives in scripts/lib/eval*.ts.
 */
import { runEvalCli } from './eval/evalCli';

process.exitCode = await runEvalCli(process.argv.slice(2));
