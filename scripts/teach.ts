/**
 * `npm run teach`: teach a head on class folders and score it on held-apart images, through the
 * app's own worker in headless Chromium. `npm run teach -- --help` for the flags; logic in scripts/lib/teach*.ts.
 */
import { runTeachCli } from './teach/teachCli';

process.exitCode = await runTeachCli(process.argv.slice(2));
