/**
 * The one contract between the page and the TF.js worker. Every request carries an `id`; the
 * worker answers with any number of streamed events for that id (progress, item, sample) and
 * exactly one terminal event (`ready`, `loaded`, `classified`, `benchmarked`, `cancelled` or
 * `error`). Everything here must survive structured clone: no classes, no functions.
 */
import type { ClassCount, LabelOrder, ModelFormat, OutputKind, PreprocessingMode } from './catalog';
import type { SerializedError } from './errors';
import type { CompareRow, ModelReport } from './report';
import { assertNever } from './assertNever';

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
}

/** One image to classify: a Blob (decoded in the worker) or an already-decoded bitmap (transferred). */
export type ImageInput =
  | { name: string; kind: 'blob'; blob: Blob }
  | { name: string; kind: 'bitmap'; bitmap: ImageBitmap };

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
      width: number;
      height: number;
    }
  | { name: string; status: 'error'; error: SerializedError };

export type ProgressStage = 'backend' | 'download' | 'upload' | 'decode' | 'infer';

export type WorkerRequest =
  | { type: 'init'; id: number; backend: BackendName | null }
  | { type: 'load'; id: number; model: ModelSpec }
  | { type: 'classify'; id: number; model: ModelSpec; k: number; images: ImageInput[]; batchSize: number }
  | { type: 'inspect'; id: number; model: ModelSpec }
  /** Models one after another: load, warm up, `runs` timed batch-1 passes, top-1 on `image`. */
  | { type: 'compare'; id: number; models: ModelSpec[]; image: ImageInput | null; warmup: number; runs: number }
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
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

export type TerminalEvent = Extract<WorkerEvent, { type: 'ready' | 'loaded' | 'classified' | 'inspected' | 'compared' | 'cancelled' | 'error' }>;
export type StreamEvent = Exclude<WorkerEvent, TerminalEvent>;

export function isTerminal(event: WorkerEvent): event is TerminalEvent {
  switch (event.type) {
    case 'progress':
    case 'item':
    case 'compare-row':
      return false;
    case 'ready':
    case 'loaded':
    case 'classified':
    case 'inspected':
    case 'compared':
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
}

export type PostFn = (event: WorkerEvent, transfer?: Transferable[]) => void;
