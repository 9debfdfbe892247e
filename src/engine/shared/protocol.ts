/**
 * The one contract between the page and the TF.js worker. Every request carries an `id`; the
 * worker answers with any number of streamed events for that id (progress, item, sample) and
 * exactly one terminal event (`ready`, `loaded`, `classified`, `benchmarked`, `cancelled` or
 * `error`). Everything here must survive structured clone: no classes, no functions.
 */
import type { WeightsName } from '@/shared/weights/names';
import type { ClassCount, LabelOrder, ModelFormat, OutputKind, PreprocessingMode } from '@/shared/models/catalog';
import type { SerializedError } from '@/shared/errors';
import type { CompareRow, LatencyStats, ModelReport } from './report';
import type { LiveFrame, LiveResult } from '@/features/live/shared/live';
import { assertNever } from '@/shared/assertNever';
import type { EmbeddingItem, TaughtModelSpec, TeachEmbedRequest, TeachEpoch, TeachResult, TeachTrainRequest } from '@/features/teach/shared/teach';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** Everything the worker needs to load and run a model; URLs are absolute. */
export interface ModelSpec {
  /** Cache key: id@version. */
  key: string;
  id: string;
  name: string;
  format: ModelFormat;
  modelUrl: string;
  labelsUrl: string | null;
  inputSize: [number, number];
  preprocessing: PreprocessingMode;
  output: OutputKind;
  classes: ClassCount;
  labelOrder: LabelOrder;
  kerasIndex: number[] | null;
  /**
   * A model the user dropped: model.json first, then its weight shards (tf.io.browserFiles order).
   * When present the worker loads these instead of `modelUrl`, which then only names the model.
   */
  files?: File[];
  /** A labels file the user dropped with the model (JSON array / object, or one name a line). */
  labelsFile?: File;
  /**
   * Absolute file URL → expected sha256 (hex), from the catalog. The worker checks every file it
   * downloads or reads from the cache against it; a cached file that fails is evicted and fetched again.
   */
  fileHashes?: Record<string, string>;
  /** A taught model (shared/teach.ts): the base model, then the head on its embeddings. */
  taught?: TaughtModelSpec;
  /** Which stored weights this spec loads (src/shared/weights/names.ts); absent means float32. */
  weights?: WeightsName;
}

/** One image to classify: a Blob (decoded in the worker) or an already-decoded bitmap (transferred). */
export type ImageInput = { name: string; kind: 'blob'; blob: Blob } | { name: string; kind: 'bitmap'; bitmap: ImageBitmap };

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it was chosen or skipped, in words a person can act on. */
  reason: string;
}

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  limits: Record<string, number>;
}

export interface EngineInfo {
  backend: BackendName;
  /** Was the backend forced by the user (URL or picker) or chosen automatically? */
  forced: boolean;
  reason: string;
  attempts: BackendAttempt[];
  adapter: AdapterInfo | null;
  webglRenderer: string | null;
  tfjsVersion: string;
  flags: Record<string, unknown>;
  /** Threads the wasm backend runs with (1 single-threaded, 0 when wasm is not the backend); absent from older reports. */
  wasmThreads?: number;
}

export interface ModelInfo {
  key: string;
  backend: BackendName;
  /** Download + parse (or cache read). */
  loadMs: number;
  /** First pass on zeros: weight upload and kernel compilation. */
  warmupMs: number;
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  /** Number of weights the model holds (sum over weight tensors). */
  parameters: number;
  weightBytes: number;
  fromCache: boolean;
  /**
   * Why the model's files could not be kept in Cache Storage for offline use (say, storage full);
   * null when they were kept, or came from the cache. The model runs from memory either way.
   */
  cacheProblem: string | null;
}

export interface Prediction {
  /** Keras class index 0..999, -1 for the background class, null when the label has no Keras match. */
  classIndex: number | null;
  label: string;
  probability: number;
}

export type ClassifyItem =
  | {
      name: string;
      status: 'ok';
      predictions: Prediction[];
      /** Model time for the whole batch this image rode in (execute until read-back). */
      batchMs: number;
      batchSize: number;
      decodeMs: number;
      preprocessMs: number;
      /** The image's own pixel size (after EXIF orientation), before any bounded decode. */
      width: number;
      height: number;
      /** Format found from the file's first bytes ('JPEG', 'PNG', …); null for a bitmap input. */
      format: string | null;
      /** True when the image was decoded at a bounded size below its own (see worker/decode.ts). */
      downscaled: boolean;
      /** A small thumbnail the worker made from the decoded bitmap (image/webp or jpeg); null if none. */
      thumbnail: Blob | null;
    }
  | { name: string; status: 'error'; error: SerializedError; format?: string | null };

export type ProgressStage = 'backend' | 'download' | 'upload' | 'decode' | 'infer';

/**
 * Something the engine met and recovered from (or could not), told to the person. Streamed on the
 * request it happened in, and to every listener of the client (see WorkerClient.onBroadcast).
 */
export type NoticeKind =
  | 'gpu-lost' // the GPU context/device was lost; recovered on the same backend
  | 'backend-fallback' // the GPU could not come back: the engine moved to another backend
  | 'worker-restarted' // the worker died; the client started a new one and re-sent what was unfinished (client-side)
  | 'model-evicted' // a cached model file was corrupt: evicted and downloaded again
  | 'cache-unavailable' // model files could not be kept for offline use (quota); they run from memory
  | 'download-retry' // a model file download failed and is being retried
  | 'batch-split'; // a batch ran out of memory and was split

export interface Notice {
  kind: NoticeKind;
  message: string;
  /** From the fault to the engine working again, ms, where that applies. */
  recoveryMs: number | null;
}

/**
 * Faults the test hook (`?faults=on`, window.lumenFaults.inject) can provoke. 'gpu-lost' really
 * loses the active backend's context or device; 'worker-crash' kills the worker as the browser
 * would (no answer, no error: it is just gone); 'gpu-gone' loses the GPU and keeps that backend
 * from starting again in this worker (a GPU that does not come back); 'oom' makes the next forward
 * passes with more than one image fail as out of memory, as a real device would.
 */
export type FaultKind = 'gpu-lost' | 'gpu-gone' | 'worker-crash' | 'oom';
export const FAULT_KINDS: readonly FaultKind[] = ['gpu-lost', 'gpu-gone', 'worker-crash', 'oom'];

/** How a timed run calls the model. 'auto' is what classify does (execute, or executeAsync when the graph needs it). */
export type ForwardMethod = 'auto' | 'execute' | 'executeAsync' | 'predict';

/**
 * What one timed benchmark run does. The variants of one request are interleaved run by run, so
 * they share the machine's conditions (other load, heat, clocks) and compare fairly.
 */
export type BenchVariant =
  /** The app's hot loop: its forward pass (softmax for logits models) on an input built once per batch size, then read-back. */
  | { kind: 'model'; method: ForwardMethod }
  /** The app's whole classify path per run: pixels → preprocessing (TF ops on the backend, or JS then upload) → forward → read-back → top-5. */
  | { kind: 'pipeline'; preprocess: 'backend' | 'js' }
  /** The raw model and no app code: execute() (predict() for layers models) on the same pre-built input, then read-back. */
  | { kind: 'bare' }
  /** The peer: @tensorflow-models/mobilenet classify() (top-5) on the same first image; batch 1 only. */
  | { kind: 'peer'; modelUrl: string };

/** Benchmark input: the user's images repeated to fill each batch, or random pixels. */
export type BenchInput = { kind: 'random' } | { kind: 'images'; images: ImageInput[] };

export interface BenchmarkOptions {
  batches: number[];
  /** Untimed runs per variant before timing, at every batch size. */
  warmup: number;
  /** Timed rounds per batch size (one run of every variant per round). */
  runs: number;
  /** When set, rounds go on until this much time has passed per batch size instead (runs is ignored). */
  durationMs: number | null;
  variants: BenchVariant[];
  input: BenchInput;
  /** Reload the model first, so this request measures the cold start (download or cache read, warm-up). */
  coldStart: boolean;
}

export interface MemorySnapshot {
  numTensors: number;
  numBytes: number;
}

export interface VariantResult {
  variant: BenchVariant;
  /** Timed runs, ms, in order. */
  samples: number[];
  /** null when the variant did not run at this batch size (`skipped` says why). */
  stats: LatencyStats | null;
  /** The first warm-up run at this batch size: kernel compilation for new shapes shows here. */
  firstMs: number | null;
  skipped: string | null;
}

export interface BatchMemory {
  /** tf.memory() before the batch's input was built and after everything of it was disposed. */
  before: MemorySnapshot;
  after: MemorySnapshot;
  /** The largest growth of the tensor count across one run; anything above 0 is a leak. */
  maxRunTensorGrowth: number;
  leaked: boolean;
}

export interface BatchResult {
  batch: number;
  /** 'failed': this batch size could not run (say, out of memory); the sweep went on with the rest. */
  status: 'ok' | 'failed';
  error: SerializedError | null;
  variants: VariantResult[];
  memory: BatchMemory;
}

export interface BenchmarkSummary {
  /** Cold start figures: loadMs (download or cache read), fromCache, warmupMs (weight upload + compile). */
  model: ModelInfo;
  backend: BackendName;
  /** What was fed: "3 images (1 skipped: …)" or "random pixels". */
  inputNote: string;
  batches: BatchResult[];
  /** The largest batch size that ran; with a failed larger one, the limit on this device. */
  largestOkBatch: number | null;
  totalMs: number;
}

/** How a heatmap is computed: Grad-CAM (gradients at the last convolutional features) or occlusion sensitivity. */
export type ExplainMethod = 'gradcam' | 'occlusion';
export const EXPLAIN_METHODS: readonly ExplainMethod[] = ['gradcam', 'occlusion'];

/** Where one class's evidence lies in one image. */
export interface Explanation {
  /** The explained class: Keras index as in Prediction.classIndex (null: by output index only). */
  classIndex: number | null;
  /** Its position in the model's output row. */
  outputIndex: number;
  label: string;
  method: ExplainMethod;
  /** 0..1, row-major, covering the whole image (the model sees it stretched, not cropped). */
  heatmap: { width: number; height: number; values: Float32Array };
  /** The heatmap's maximum, as fractions of the image's width and height (left and top 0). */
  peak: { x: number; y: number };
  /** The image's own size: the overlay is drawn at its aspect ratio. */
  imageWidth: number;
  imageHeight: number;
  /** Decode, preprocessing and the method's passes, ms. */
  ms: number;
  /** Grad-CAM's split point (layer or graph node); null when Grad-CAM cannot run on this model. */
  gradcamAt: string | null;
  /** Why Grad-CAM cannot run on this model (occlusion is used instead); null when it can. */
  gradcamProblem: string | null;
}

/** One backend's figures in a measured backend choice. */
export interface BackendTiming {
  backend: BackendName;
  /** Switch + load + first run, ms; null when it failed. */
  firstMs: number | null;
  /** Median of the warm runs, ms; null when none ran. */
  warmMs: number | null;
  runs: number;
  /** Why it has no warm figure (too slow, failed), or null. */
  skipped: string | null;
}

export type WorkerRequest =
  | {
      type: 'init';
      id: number;
      backend: BackendName | null;
      /**
       * Set when `backend` is the measured automatic choice (store/backendChoice), not the person's:
       * why it was chosen. It is started unforced, and the automatic order takes over where it cannot start.
       */
      measured?: string;
    }
  | { type: 'load'; id: number; model: ModelSpec }
  | { type: 'classify'; id: number; model: ModelSpec; k: number; images: ImageInput[]; batchSize: number }
  | { type: 'inspect'; id: number; model: ModelSpec }
  /** Models one after another: load, warm up, `runs` timed batch-1 passes, top-1 on `image`. */
  | { type: 'compare'; id: number; models: ModelSpec[]; image: ImageInput | null; warmup: number; runs: number }
  | { type: 'benchmark'; id: number; model: ModelSpec; options: BenchmarkOptions }
  /**
   * A heatmap of where one class's evidence lies; 'auto' is the best method the model allows. The
   * class is a prediction's Keras index, or its label when it has none.
   */
  | { type: 'explain'; id: number; model: ModelSpec; image: ImageInput; classIndex: number | null; label: string; method: ExplainMethod | 'auto' }
  /** A few warm runs of `model` on each available backend within a budget, for the measured automatic choice. */
  | { type: 'time-backends'; id: number; model: ModelSpec }
  /** One camera frame of the Live view: top-k, no thumbnail. Never re-sent to a new worker (the frame is gone). */
  | { type: 'live-frame'; id: number; model: ModelSpec; frame: LiveFrame; k: number }
  /** Teach: embeddings of images from a base model (cached per image content). */
  | ({ type: 'teach-embed'; id: number } & TeachEmbedRequest)
  /** Teach: a head (kNN or dense) on labelled embeddings, evaluated on the held-apart ones. */
  | ({ type: 'teach-train'; id: number } & TeachTrainRequest)
  /** Test hook: provoke a fault now (not queued behind the running request). */
  | { type: 'fault'; id: number; kind: FaultKind }
  | { type: 'cancel'; id: number; target: number };

export type WorkerEvent =
  | { type: 'progress'; id: number; stage: ProgressStage; fraction: number; detail: string }
  | { type: 'item'; id: number; index: number; item: ClassifyItem }
  | { type: 'compare-row'; id: number; index: number; row: CompareRow }
  | { type: 'ready'; id: number; engine: EngineInfo }
  | { type: 'loaded'; id: number; model: ModelInfo }
  | { type: 'classified'; id: number; count: number; failed: number; totalMs: number }
  | { type: 'inspected'; id: number; report: ModelReport }
  | { type: 'compared'; id: number; count: number; failed: number }
  | { type: 'sample'; id: number; batch: number; variant: number; run: number; warmup: boolean; ms: number }
  | { type: 'batch-done'; id: number; result: BatchResult }
  | { type: 'benchmarked'; id: number; summary: BenchmarkSummary }
  | { type: 'explained'; id: number; explanation: Explanation }
  /** The backend the worker runs is unchanged; the page decides and remembers (lib/backendChoice). */
  | { type: 'backends-timed'; id: number; timings: BackendTiming[] }
  | { type: 'live-result'; id: number; result: LiveResult }
  | { type: 'teach-embedding'; id: number; index: number; embedding: EmbeddingItem }
  | { type: 'teach-embedded'; id: number; count: number; failed: number; dim: number; at: string }
  | { type: 'teach-epoch'; id: number; epoch: TeachEpoch }
  | { type: 'teach-trained'; id: number; result: TeachResult }
  /** A recovery (or failure to recover) the person should hear about; id 0 when no request was running. */
  | { type: 'notice'; id: number; notice: Notice }
  /** The engine changed under a request (GPU lost → rebuilt, or fell back to another backend). */
  | { type: 'engine-changed'; id: number; engine: EngineInfo }
  /** Broadcast (id 0) once the worker holds its liveness lock (see client/liveness.ts). */
  | { type: 'alive'; id: number }
  /** Broadcast (id 0) after every finished request: tf.memory() at that point. */
  | { type: 'memory'; id: number; memory: MemorySnapshot }
  | { type: 'fault-injected'; id: number; kind: FaultKind }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

export type TerminalEvent = Extract<
  WorkerEvent,
  {
    type:
      | 'ready'
      | 'loaded'
      | 'classified'
      | 'inspected'
      | 'compared'
      | 'benchmarked'
      | 'explained'
      | 'backends-timed'
      | 'live-result'
      | 'teach-embedded'
      | 'teach-trained'
      | 'fault-injected'
      | 'cancelled'
      | 'error';
  }
>;
export type StreamEvent = Exclude<WorkerEvent, TerminalEvent>;

export function isTerminal(event: WorkerEvent): event is TerminalEvent {
  switch (event.type) {
    case 'progress':
    case 'item':
    case 'compare-row':
    case 'sample':
    case 'batch-done':
    case 'notice':
    case 'engine-changed':
    case 'memory':
    case 'alive':
    case 'teach-embedding':
    case 'teach-epoch':
      return false;
    case 'ready':
    case 'loaded':
    case 'classified':
    case 'inspected':
    case 'compared':
    case 'benchmarked':
    case 'explained':
    case 'backends-timed':
    case 'live-result':
    case 'teach-embedded':
    case 'teach-trained':
    case 'fault-injected':
    case 'cancelled':
    case 'error':
      return true;
    default:
      return assertNever(event, 'worker event');
  }
}

/** Request types that expect an answer (cancel is fire-and-forget). */
export type AnswerableRequest = Exclude<WorkerRequest, { type: 'cancel' }>;

/** Which terminal event a request type resolves with. */
export interface ResponseFor {
  init: Extract<WorkerEvent, { type: 'ready' }>;
  load: Extract<WorkerEvent, { type: 'loaded' }>;
  classify: Extract<WorkerEvent, { type: 'classified' }>;
  inspect: Extract<WorkerEvent, { type: 'inspected' }>;
  compare: Extract<WorkerEvent, { type: 'compared' }>;
  benchmark: Extract<WorkerEvent, { type: 'benchmarked' }>;
  explain: Extract<WorkerEvent, { type: 'explained' }>;
  'time-backends': Extract<WorkerEvent, { type: 'backends-timed' }>;
  'live-frame': Extract<WorkerEvent, { type: 'live-result' }>;
  'teach-embed': Extract<WorkerEvent, { type: 'teach-embedded' }>;
  'teach-train': Extract<WorkerEvent, { type: 'teach-trained' }>;
  fault: Extract<WorkerEvent, { type: 'fault-injected' }>;
}

/** Events that are not tied to one request's answer: the client hands them to every broadcast listener too. */
export type BroadcastEvent = Extract<WorkerEvent, { type: 'notice' | 'engine-changed' | 'memory' }>;

export function isBroadcast(event: WorkerEvent): event is BroadcastEvent {
  return event.type === 'notice' || event.type === 'engine-changed' || event.type === 'memory';
}

export type PostFn = (event: WorkerEvent, transfer?: Transferable[]) => void;
