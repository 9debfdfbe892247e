/** Command-line flags of `npm run teach` (scripts/teach.ts). */
import { parseArgs } from 'node:util';
import { BACKENDS, isBackendName, type BackendName } from '../../src/engine/shared/types';
import { DEFAULT_DENSE, isTeachMethod, type TeachMethod } from '../../src/features/teach/shared/teach';

export interface TeachOptions {
  data: string;
  base: string;
  method: TeachMethod;
  /** Share of each class's files (sorted by name) held apart for testing. */
  split: number;
  json: string | undefined;
  backend: BackendName;
  epochs: number;
  rebuild: boolean;
  help: boolean;
}

export const DEFAULT_BASE = 'mobilenet_v2_100_224';

export const TEACH_HELP = `Usage: npm run teach -- --data DIR [options]      (or: npx tsx scripts/teach.ts ...)

Teaches a head on your own classes with the app's own worker code, in headless Chromium (the
harness build, as npm run eval does), and scores it on held-apart images. DIR holds one
sub-folder per class; each class's files are sorted by name and alternately (by --split) put in
train and test, so the split is the same every run.

Options:
  --data DIR        folder of class folders (required)
  --base ID         catalog model whose pooled features are the embedding (default ${DEFAULT_BASE})
  --method M        knn (soft nearest-neighbour vote, instant) | dense (trained with Adam) (default knn)
  --split F         share of each class held out for testing, 0 < F < 1 (default 0.5: alternate)
  --epochs N        dense: training epochs (default ${DEFAULT_DENSE.epochs})
  --backend NAME    ${BACKENDS.join(' | ')} (default wasm)
  --json FILE       write {base, method, classes, train, test, accuracy, confusion, ...}
  --rebuild         rebuild dist-harness/ first (done anyway when src/ is newer than it)
  -h, --help        show this help

Progress goes to stderr; results to stdout. Exit code 0 when the run completed, 1 for an error
(a class with too few images, say), 2 for a bad flag.`;

export function parseTeachArgs(argv: readonly string[]): TeachOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      base: { type: 'string', default: DEFAULT_BASE },
      method: { type: 'string', default: 'knn' },
      split: { type: 'string', default: '0.5' },
      json: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      epochs: { type: 'string', default: String(DEFAULT_DENSE.epochs) },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return { data: '', base: DEFAULT_BASE, method: 'knn', split: 0.5, json: undefined, backend: 'wasm', epochs: 1, rebuild: false, help: true };
  if (!values.data) throw new Error('--data DIR is required');
  if (!isTeachMethod(values.method)) throw new Error(`--method: use knn or dense (got "${values.method}")`);
  const split = Number(values.split);
  if (!(split > 0 && split < 1)) throw new Error(`--split needs a fraction between 0 and 1 (got "${values.split}")`);
  if (!isBackendName(values.backend)) throw new Error(`--backend: unknown backend "${values.backend}"; use ${BACKENDS.join(', ')}`);
  const epochs = Number(values.epochs);
  if (!Number.isInteger(epochs) || epochs <= 0) throw new Error(`--epochs needs a positive integer (got "${values.epochs}")`);
  return {
    data: values.data,
    base: values.base,
    method: values.method,
    split,
    json: values.json,
    backend: values.backend,
    epochs,
    rebuild: values.rebuild,
    help: false,
  };
}
