/** Command-line flags of `npm run bench` (scripts/bench.ts). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBatchList } from '../../src/shared/stats';
import { RUNTIMES, isBackendName, isRuntimeName, type BackendName, type RuntimeName } from '../../src/engine/shared/types';
import { choiceKey, parseChoice } from '../../src/shared/weights/choice';
import { weightsFlag } from '../eval/evalArgs';
import { parseEndpoints } from '../common/fleetArgs';

export interface BenchCli {
  models: string[];
  /** `--runtime`: each --model is run as the member of its family on each of these (scripts/eval/evalFamily.ts). */
  runtimes: RuntimeName[];
  backends: BackendName[];
  batches: number[];
  warmup: number;
  runs: number;
  durationMs: number | null;
  /** Absolute path of the image to feed, or null for random pixels. */
  image: string | null;
  json: string | null;
  /** Photos in the timed drop through the app's classify path (0: no drop). */
  drop: number;
  dropRuns: number;
  bare: boolean;
  peer: boolean;
  build: boolean;
  /** Serve the harness cross-origin isolated, so wasm runs threaded on every core (as the deployed app does). */
  isolated: boolean;
  /** Also make the app's measured automatic choice for each --model and run it: its row and ratios.autoOverBest. */
  auto: boolean;
  /** `--connect ws://a/…,ws://b/…`: run the whole bench on each of these Playwright browser servers. */
  connect: string[] | null;
  /** `--serve-host HOST`: the name the --connect browsers reach this machine's harness server by. */
  serveHost: string | null;
  help: boolean;
}

export const DEFAULT_IMAGE = '../shared/images/photos/cat_720p.jpg';
export const PEER_MODEL = 'mobilenet_v1_025_224_graph';

export const BENCH_HELP = `Usage: npm run bench -- [options]

Runs the app's benchmark code in headless Chromium (the built app's own worker) and prints
mean/std/min/max/p50/p95/p99 batch latency, per-image time and throughput per batch size.
Alongside it times the bare model (same worker, no app code: execute + read-back on the same
input) and the peer (@tensorflow-models/mobilenet classify() on ${PEER_MODEL}, batch 1,
against the app's whole classify path on the same image), and prints app/bare and app/peer.

Options:
  --model ID[,ID]       catalog model id(s) (default ${PEER_MODEL}); ID:float16 picks a weight variant
  --weights W[,W]       float32, float16 and/or uint8: every --model with each of these weights, side by
                        side (default float32; a variant must have been written by npm run models)
  --runtime R[,R]       ${RUNTIMES.join(', ')}: each --model as the member of its family on each runtime
                        (the same network as ONNX or TFLite); every row carries runtime, backend, threads
  --backend NAME[,NAME] wasm, webgl, webgpu or cpu (default wasm)
  --batches LIST        batch sizes (default 1,2,4,8,16,32)
  --warmup N            untimed runs per batch size (default 10)
  --runs N              timed runs per batch size (default 50)
  --duration SECONDS    time each batch size for this long instead of --runs
  --image FILE          input image (default ${DEFAULT_IMAGE}); --image random for noise
  --json FILE           also write {environment, rows, ratios, ...} to FILE
  --drop N              also time a drop of N photos from ../shared/images/imagenet-sample through
                        the app's classify requests and report drop/bare throughput at batch 8
                        (ratios.dropOverBare; keep 8 in --batches)
  --drop-runs N         timed drops after one untimed (default 3; the median counts)
  --no-bare             skip the bare-model reference
  --no-peer             skip the peer comparisons (@tensorflow-models/mobilenet, and the page peers:
                        Transformers.js's image-classification pipeline on hf_mobilenet_v2_100_224 and
                        MediaPipe's ImageClassifier on mobilenet_v2_100_224_quant_tflite, each against the
                        app's classify request on the same model and image: ratios.appOverTransformersJs,
                        ratios.appOverMediaPipe)
  --no-build            reuse dist-harness/ as it is (default: rebuild, so the numbers are this code's)
  --isolated            serve the harness cross-origin isolated (COOP/COEP), so wasm runs with one thread
                        per core, as the deployed app does once its service worker isolates it (default:
                        not isolated, wasm single-threaded); the environment line says how many threads ran
  --auto                also make the app's measured automatic choice for each --model (every backend, and
                        each member of its family on its runtime, timed in the worker as the page does
                        after a first result), run the chosen runtime, backend, threads and batch like the
                        other rows, and report ratios.autoOverBest: its img/s over the best row of its family
  --connect WS[,WS]     run the whole bench on each of these remote browsers, Playwright browser servers
                        (browserType.launchServer, Selenium Grid, device clouds), all at once; the
                        report is keyed by device (user agent, WebGPU adapter, cores, the runtimes and
                        backends there); --json adds devices[]: {endpoint, device, rows}, the top-level
                        fields being the first device's
  --serve-host HOST     with --connect: the name or address of this machine the browsers load the harness
                        from (default localhost, allowed only when every endpoint is local)
  -h, --help            show this help`;

const whole = (name: string, text: string | undefined, fallback: number, min: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${text}")`);
  return n;
};

function serveHost(host: string | undefined, connect: string | undefined): string | null {
  if (host !== undefined && connect === undefined) throw new Error('--serve-host goes with --connect');
  return host ?? null;
}

export function parseBenchCli(argv: readonly string[], cwd = process.cwd()): BenchCli {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      model: { type: 'string', multiple: true },
      weights: { type: 'string', multiple: true },
      runtime: { type: 'string', multiple: true },
      backend: { type: 'string', multiple: true },
      batches: { type: 'string' },
      warmup: { type: 'string' },
      runs: { type: 'string' },
      duration: { type: 'string' },
      image: { type: 'string' },
      json: { type: 'string' },
      drop: { type: 'string' },
      'drop-runs': { type: 'string' },
      'no-bare': { type: 'boolean', default: false },
      'no-peer': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      isolated: { type: 'boolean', default: false },
      auto: { type: 'boolean', default: false },
      connect: { type: 'string' },
      'serve-host': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const list = (v: string[] | undefined): string[] =>
    (v ?? [])
      .flatMap((x) => x.split(','))
      .map((x) => x.trim())
      .filter(Boolean);
  const backends = list(values.backend);
  const unknown = backends.find((b) => !isBackendName(b));
  if (unknown) throw new Error(`unknown backend "${unknown}" (use wasm, webgl, webgpu or cpu)`);
  let durationMs: number | null = null;
  if (values.duration !== undefined) {
    const seconds = Number(values.duration);
    if (!(seconds > 0)) throw new Error(`--duration must be a number of seconds > 0 (got "${values.duration}")`);
    durationMs = seconds * 1000;
  }
  const imageArg = values.image ?? DEFAULT_IMAGE;
  let image: string | null = imageArg === 'random' ? null : resolve(cwd, imageArg);
  if (image && !existsSync(image)) {
    if (values.image !== undefined) throw new Error(`--image ${imageArg}: no such file`);
    image = null; // the default image lives in ../shared, which may be absent: fall back to noise
  }
  const runtimes = list(values.runtime);
  const badRuntime = runtimes.find((r) => !isRuntimeName(r));
  if (badRuntime) throw new Error(`unknown runtime "${badRuntime}" (use ${RUNTIMES.join(', ')})`);
  const models = list(values.model);
  const weights = list(values.weights).map((w) => weightsFlag(w));
  const chosen = models.length ? models : [PEER_MODEL];
  return {
    models: weights.length ? chosen.flatMap((m) => weights.map((w) => choiceKey(parseChoice(m).id, w))) : chosen,
    runtimes: runtimes as RuntimeName[],
    backends: backends.length ? (backends as BackendName[]) : ['wasm'],
    batches: parseBatchList(values.batches ?? '1,2,4,8,16,32'),
    warmup: whole('warmup', values.warmup, 10, 0),
    runs: whole('runs', values.runs, 50, 1),
    durationMs,
    image,
    json: values.json ?? null,
    drop: whole('drop', values.drop, 0, 0),
    dropRuns: whole('drop-runs', values['drop-runs'], 3, 1),
    bare: !values['no-bare'],
    peer: !values['no-peer'],
    build: !values['no-build'],
    isolated: values.isolated,
    auto: values.auto,
    connect: values.connect === undefined ? null : parseEndpoints(values.connect),
    serveHost: serveHost(values['serve-host'], values.connect),
    help: values.help,
  };
}
