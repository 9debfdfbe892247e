/**
 * The engine's core types, shared by the page, the workers and the scripts: backends, model specs,
 * images in, predictions out, and what the engine tells about itself. A leaf: it imports nothing
 * from the features (their message types import from here). Plain data only: everything here
 * crosses the worker boundary by structured clone.
 */
import type { WeightsName } from '@/shared/weights/names';
import { assertNever } from '@/shared/assertNever';
import type { ClassCount, LabelOrder, ModelFormat, OutputKind, PreprocessingMode } from '@/shared/models/catalog';

/** Every backend, in the automatic order of preference; the type is derived from the list. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/**
 * The inference runtimes: TF.js (graph and layers models; also what Grad-CAM and teaching need),
 * ONNX Runtime Web (.onnx) and LiteRT.js (.tflite). A model's format decides its runtime.
 */
export const RUNTIMES = ['tfjs', 'ort', 'litert'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

export function isRuntimeName(value: unknown): value is RuntimeName {
  return typeof value === 'string' && (RUNTIMES as readonly string[]).includes(value);
}

export function runtimeOfFormat(format: ModelFormat): RuntimeName {
  switch (format) {
    case 'graph':
    case 'layers':
      return 'tfjs';
    case 'onnx':
      return 'ort';
    case 'tflite':
      return 'litert';
    default:
      return assertNever(format, 'model format');
  }
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
  /** A taught model (features/teach/shared/teach.ts): the base model, then the head on its embeddings. */
  taught?: TaughtModelSpec;
  /** Which stored weights this spec loads (src/shared/weights/names.ts); absent means float32. */
  weights?: WeightsName;
  /**
   * Resize the shorter side to `shortestEdge` (aspect kept), then cut the centre at inputSize:
   * torchvision's "resize 256, centre crop 224" evaluation transform, or a Hugging Face
   * preprocessor_config.json's crop. Absent: the whole image is resized straight to inputSize.
   */
  centerCrop?: CenterCrop;
}

/** Where a centre crop starts when its margin is odd: torchvision's round-half-even, or Hugging Face's floor. */
export interface CenterCrop {
  shortestEdge: number;
  offset: 'torchvision' | 'floor';
}

/** How a taught head decides: a soft kNN vote over stored examples, or a trained dense layer. */
export type TeachMethod = 'knn' | 'dense';

/**
 * A head as TF.js layers-model artifacts: model.json's topology and the weights, one buffer. It
 * takes [N, dim] L2-normalised embeddings and gives [N, classes] probabilities.
 */
export interface HeadArtifacts {
  modelTopology: object;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[];
  weightData: ArrayBuffer;
}

/**
 * A taught model as the worker loads it: the base catalog model, then the head on its embeddings.
 * Carried by ModelSpec.taught (here, beside ModelSpec, because each names the other); the spec's own labels are these.
 */
export interface TaughtModelSpec {
  base: ModelSpec;
  head: HeadArtifacts;
  labels: string[];
  method: TeachMethod;
}

/** One image to classify: a Blob (decoded in the worker) or an already-decoded bitmap (transferred). */
export type ImageInput = { name: string; kind: 'blob'; blob: Blob } | { name: string; kind: 'bitmap'; bitmap: ImageBitmap };

export interface Prediction {
  /** Keras class index 0..999, -1 for the background class, null when the label has no Keras match. */
  classIndex: number | null;
  label: string;
  probability: number;
}

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
  /** Which runtime runs it, on which of its backends (ONNX Runtime's execution provider, LiteRT's accelerator), with how many wasm threads. */
  runtime?: RuntimeName;
  runtimeBackend?: string;
  threads?: number;
  /** Why that many threads: measured against one at load (LiteRT), or fixed per worker and weighed by the measured choice (TF.js, ONNX Runtime). */
  threadChoice?: string | null;
  /** Its own input, as the runtime reports it (ONNX and TFLite): name, dtype, layout; why a batch runs image by image. */
  signature?: RuntimeSignature;
}

export interface TensorSignature {
  name: string;
  dtype: string;
  shape: (number | string | null)[];
  /** A quantized tensor's real value = scale · (q − zeroPoint). */
  quantization?: { scale: number; zeroPoint: number };
}

export interface RuntimeSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  layout: 'nhwc' | 'nchw';
  /** A fixed batch of 1: a batch of images runs one image at a time. */
  imageByImage: boolean;
}

export interface MemorySnapshot {
  numTensors: number;
  numBytes: number;
  /** ONNX Runtime's and LiteRT's own, where a model ran on them (engine/worker/runtimes/runtimeMemory.ts). */
  runtimes?: RuntimeMemory[];
}

/** What a runtime beside TF.js holds in its own heap: open sessions, their model files' bytes, tensors not yet freed. */
export interface RuntimeMemory {
  runtime: RuntimeName;
  sessions: number;
  modelBytes: number;
  tensors: number;
}

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
export const FAULT_KINDS = ['gpu-lost', 'gpu-gone', 'worker-crash', 'oom'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a timed run calls the model. 'auto' is what classify does (execute, or executeAsync when the graph needs it). */
export type ForwardMethod = 'auto' | 'execute' | 'executeAsync' | 'predict';
