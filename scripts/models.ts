/**
 * `npm run models`: fetches the catalog's pretrained models into public/models/<id>/<version>/.
 * Run `npx tsx scripts/models.ts --help` for the flags; the logic lives in scripts/lib/.
 */
import { runCli } from './common/cli';

process.exitCode = await runCli(process.argv.slice(2));
