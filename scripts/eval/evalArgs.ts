/** Command-line flags of `npm run eval` (scripts/eval.ts). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKENDS, RUNTIMES, isBackendName, isRuntimeName, type BackendName, type RuntimeName } from '../../src/engine/shared/types';
import { isWeightsName, WEIGHTS_NAMES, type WeightsName } from '../../src/shared/weights/names';
import { CORRUPTION_KINDS, type CorruptionKind, MAX_SEVERITY } from '../../src/features/evaluate/shared/corruptions';
import { parseEndpoints } from '../common/fleetArgs';

export const DEFAULT_IMAGES = resolve(import.meta.dirname, '../../../shared/images/imagenet-sample');

export interface EvalOptions {
  model: string;
  /** Backend of a single run (ignored by --agree). */
  backend: BackendName;
  /** Two backends to compare on the same images. */
  agree: [BackendName, BackendName] | null;
  /** `--runtime`: run the member of the model's family on this runtime. */
  runtime: RuntimeName | null;
  /** `--family ID`: run every installed member of the family, one after another. */
  family: string | null;
  /** `--family ID --agree`: and compare each member with the first (the family's own id). */
  agreeMembers: boolean;
  /** Which stored weights to load (float32 unless --weights). */
  weights: WeightsName;
  images: string;
  limit: number | undefined;
  json: string | undefined;
  batch: number;
  /** `--center-crop [F]`: torchvision's evaluation transform, shorter side to input / F (0.875: 224 → 256), then the centre. */
  cropFraction: number | null;
  rebuild: boolean;
  help: boolean;
  /** `--data DIR`: Evaluate's labelled-folder report (sub-folders by class, or a CSV) instead of --images. */
  data: string | null;
  /** `--labels FILE`: the labels CSV (file,label) for --data, when it is not inside the folder. */
  labels: string | null;
  /** `--model a,b`: with --data, every model listed (--model itself is the first). */
  models: string[];
  corruptions: CorruptionKind[];
  severities: number[];
  /** `--connect ws://a/…,ws://b/…`: run on these Playwright browser servers, the images sharded over them. */
  connect: string[] | null;
  /** `--serve-host HOST`: the name the --connect browsers reach this machine's harness server by. */
  serveHost: string | null;
}

export const EVAL_HELP = `Usage: npm run eval -- --model ID [options]      (or: npx tsx scripts/eval.ts ...)

Runs catalog model ID in headless Chromium through the app's own worker (vite build + preview of
dist-harness/, harness.html, built apart by vite.harness.config.ts) over a folder of images and prints what it scored:
  - a folder with labels.csv (file,class_index,...), by default ../shared/images/imagenet-sample:
    top-1 and top-5 accuracy, compared with the reference figures when the set is the full 1000;
  - a folder with expected.csv (file,acceptable_top1_keras_class_indices,...), such as
    ../shared/images/photos: each photo's top-1 class and whether it is acceptable.

Options:
  --model ID          catalog model id (required), e.g. mobilenet_v2_100_224
  --backend NAME      ${BACKENDS.join(' | ')} (default wasm, the fastest without a GPU)
  --agree A,B         run the images on backends A and B (two workers, side by side) and print the
                      fraction with the same top-1 and the max |Δprobability| over all classes
  --runtime R         ${RUNTIMES.join(' | ')}: run the member of --model's family on runtime R (the same
                      network as ONNX or TFLite), e.g. --model mobilenet_v2_100_224 --runtime ort
  --family ID         run every installed member of family ID (catalog "family") over the images;
                      with a bare --agree, also each member against the first: same top-1 and max
                      |Δprobability|, judged for float members (100 %, ≤ 1e-3), reported for quantized
  --weights W         ${WEIGHTS_NAMES.join(' | ')} (default float32): a weight variant written by
                      npm run models, offered in the catalog or not yet (to measure it)
  --images DIR        image folder (default ../shared/images/imagenet-sample)
  --limit N           only N images, spread evenly over the set (deterministic)
  --json FILE         write {model, backend, n, top1, top5, images:[{file, label, top5, probabilities}]}
                      (fractions; probabilities: all 1000 classes in Keras order); with --agree,
                      FILE.<backend>.json for each of the two backends
  --batch N           images per classify request and per forward pass (default 16)
  --center-crop [F]   torchvision's evaluation transform instead of a straight resize: the shorter side
                      to input / F (default F 0.875: 224 → 256), then the centre at the input size
  --data DIR          Evaluate's report on a labelled folder: sub-folders named by class (synset id,
                      class name or index), or a CSV (file,label) at its top; every image is mapped to
                      ImageNet's classes and scored: top-1/top-5 with Wilson 95 % intervals, ECE,
                      per-class accuracy, confusions, latency. --model takes a list (a,b) here
  --labels FILE       with --data: the labels CSV, when it is not inside DIR
  --corruptions K,…   with --data: also score under ${CORRUPTION_KINDS.join(', ')} (seeded, ImageNet-C)
  --severities S,…    with --corruptions: severities 0..${MAX_SEVERITY} (default 1,3,5; 0 runs the path unchanged)
  --connect WS,…      run on remote browsers, Playwright browser servers (browserType.launchServer,
                      Selenium Grid, device clouds): the images (--data DIR, or an --images set with
                      labels.csv) are sharded round-robin over the endpoints, run at once, and the
                      per-image outcomes merged into one report, exactly as one browser would score
                      the whole folder; --json adds devices[]: {endpoint, device, entries}
  --serve-host HOST   with --connect: the name or address of this machine the browsers load the
                      harness from (default localhost, allowed only when every endpoint is local)
  --rebuild           rebuild dist-harness/ first (done anyway when src/ is newer than it)
  -h, --help          show this help

Progress goes to stderr; results to stdout. Exit code 0 when the run completed (accuracy is
reported, not judged), 1 for an error, 2 for a bad flag.`;

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer (got "${value}")`);
  return n;
}

/** `--center-crop` alone means torchvision's 0.875; a value must be a fraction in (0, 1]. */
function cropFraction(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (value === '') return 0.875;
  const f = Number(value);
  if (!(f > 0 && f <= 1)) throw new Error(`--center-crop takes a fraction in (0, 1], such as 0.875 (got "${value}")`);
  return f;
}

function backend(value: string, flag: string): BackendName {
  if (!isBackendName(value)) throw new Error(`${flag}: unknown backend "${value}"; use ${BACKENDS.join(', ')}`);
  return value;
}

/** --weights for eval and bench alike. */
export function weightsFlag(value: string | undefined): WeightsName {
  if (value === undefined) return 'float32';
  if (!isWeightsName(value)) throw new Error(`--weights: unknown weights "${value}"; use ${WEIGHTS_NAMES.join(', ')}`);
  return value;
}

/** A bare `--agree` (with --family) has no value; parseArgs wants one. */
function withBareAgree(argv: readonly string[]): string[] {
  const bare = (i: number): boolean => argv[i + 1] === undefined || (argv[i + 1]?.startsWith('--') ?? false);
  // A bare --center-crop means its default fraction; parseArgs needs a value to hold.
  return argv.map((arg, i) => (arg === '--agree' && bare(i) ? '--agree=members' : arg === '--center-crop' && bare(i) ? '--center-crop=' : arg));
}

function corruptionKinds(value: string | undefined): CorruptionKind[] {
  if (value === undefined) return [];
  return value.split(',').map((v) => {
    const kind = CORRUPTION_KINDS.find((k) => k === v.trim());
    if (!kind) throw new Error(`--corruptions: unknown kind "${v}"; use ${CORRUPTION_KINDS.join(', ')}`);
    return kind;
  });
}

function severityList(value: string | undefined): number[] {
  if (value === undefined) return [1, 3, 5];
  return value.split(',').map((v) => {
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 0 || n > MAX_SEVERITY) throw new Error(`--severities: "${v}" is not a whole number 0..${MAX_SEVERITY}`);
    return n;
  });
}

/** --data runs Evaluate's report: a list of models on one backend, none of the single-model comparisons. */
function checkDataOptions(
  options: EvalOptions,
  values: { agree?: string | undefined; family?: string | undefined; images?: string | undefined; severities?: string | undefined },
): EvalOptions {
  if (values.agree !== undefined || values.family !== undefined || values.images !== undefined)
    throw new Error('--data DIR goes without --agree, --family and --images');
  if (options.models.length === 0) throw new Error('--data needs --model ID (or a list: a,b)');
  if (values.severities !== undefined && options.corruptions.length === 0) throw new Error('--severities goes with --corruptions');
  return { ...options, model: options.models[0] ?? '' };
}

export function parseEvalArgs(argv: readonly string[]): EvalOptions {
  const { values } = parseArgs({
    args: withBareAgree(argv),
    strict: true,
    allowPositionals: false,
    options: {
      model: { type: 'string' },
      backend: { type: 'string' },
      agree: { type: 'string' },
      runtime: { type: 'string' },
      family: { type: 'string' },
      weights: { type: 'string' },
      images: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'string' },
      batch: { type: 'string' },
      'center-crop': { type: 'string' },
      data: { type: 'string' },
      labels: { type: 'string' },
      corruptions: { type: 'string' },
      severities: { type: 'string' },
      connect: { type: 'string' },
      'serve-host': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const connect = values.connect === undefined ? null : parseEndpoints(values.connect);
  if (values['serve-host'] !== undefined && connect === null) throw new Error('--serve-host goes with --connect');
  if (connect !== null && (values.agree !== undefined || values.family !== undefined))
    throw new Error('--connect shards one run over the endpoints: it goes without --agree and --family');
  const options: EvalOptions = {
    model: values.model ?? '',
    backend: backend(values.backend ?? 'wasm', '--backend'),
    agree: null,
    runtime: null,
    family: values.family ?? null,
    agreeMembers: values.agree === 'members',
    weights: weightsFlag(values.weights),
    images: values.images ?? DEFAULT_IMAGES,
    limit: positiveInt(values.limit, '--limit'),
    json: values.json,
    batch: positiveInt(values.batch, '--batch') ?? 16,
    cropFraction: cropFraction(values['center-crop']),
    rebuild: values.rebuild,
    help: values.help,
    data: values.data ?? null,
    labels: values.labels ?? null,
    models: (values.model ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean),
    corruptions: corruptionKinds(values.corruptions),
    severities: severityList(values.severities),
    connect,
    serveHost: values['serve-host'] ?? null,
  };
  if (values.help) return options;
  if (options.data !== null) return checkDataOptions(options, values);
  if ((values.labels ?? values.corruptions ?? values.severities) !== undefined) throw new Error('--labels, --corruptions and --severities go with --data DIR');
  if (values.runtime !== undefined) {
    if (!isRuntimeName(values.runtime)) throw new Error(`--runtime: unknown runtime "${values.runtime}"; use ${RUNTIMES.join(', ')}`);
    options.runtime = values.runtime;
  }
  if (options.family !== null) {
    if (values.model !== undefined || options.runtime !== null) throw new Error('give either --family ID or --model ID (with --runtime), not both');
    if (values.agree !== undefined && !options.agreeMembers) throw new Error('with --family, --agree takes no value: every member is compared with the first');
    return options;
  }
  if (options.agreeMembers) throw new Error('a bare --agree compares the members of a --family; for backends give --agree A,B');
  if (!options.model) throw new Error('--model ID is required (a catalog id such as mobilenet_v2_100_224)');
  if (values.agree !== undefined) {
    if (values.backend !== undefined) throw new Error('give either --backend or --agree A,B, not both');
    const parts = values.agree.split(',').map((v) => v.trim());
    if (parts.length !== 2 || parts[0] === parts[1]) throw new Error(`--agree needs two different backends, e.g. webgl,cpu (got "${values.agree}")`);
    options.agree = [backend(parts[0] ?? '', '--agree'), backend(parts[1] ?? '', '--agree')];
  }
  return options;
}
