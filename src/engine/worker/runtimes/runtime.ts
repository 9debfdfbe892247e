/**
 * The seam between the engine and an inference runtime other than TF.js (ONNX Runtime Web in
 * ort.ts, LiteRT.js in litert.ts). A runtime opens a model from its bytes (fetched through the
 * engine's verifying cache, modelFetch.ts), reports the model's own signature, and runs a batch of
 * preprocessed images to float scores. Everything above (the classify pipeline, benchmark, Compare,
 * Live, occlusion) meets it through runtimeModel.ts, as one more LoadedModel.
 *
 * Tensors the runtime allocates are its own heap's, not the JS garbage collector's: every
 * implementation frees its input and output tensors by hand, in `finally`.
 */
import type { RuntimeName, TensorSignature } from '@/engine/shared/types';
import type { SpecDtype } from '@/shared/models/preprocessSpec';

export interface ModelGraph {
  nodes: { name: string; type: string }[];
  parameters: number | null;
}

/** A batch to run: pixels already resized and normalised, in the model's layout and dtype. */
export interface RuntimeBatch {
  data: Float32Array | Uint8Array | Int8Array | Uint16Array;
  dims: number[];
}

export interface RuntimeSession {
  readonly runtime: RuntimeName;
  /** The runtime's own backend name: ONNX Runtime's execution provider, LiteRT's accelerator. */
  readonly backend: string;
  readonly threads: number;
  /** Why this many threads (measured against one, or fixed by the page's isolation); null when not wasm. */
  readonly threadChoice: string | null;
  readonly inputs: TensorSignature[];
  readonly outputs: TensorSignature[];
  /** The dtype the model's first input takes, as Lumen feeds it. */
  readonly inputDtype: SpecDtype;
  /** Runs one batch; `values` are the first output's, as floats (dequantized), `shape` its dims. */
  run(batch: RuntimeBatch): Promise<{ values: Float32Array; shape: number[] }>;
  /** Graph nodes (ONNX) or operators (TFLite) in order, and the weight count, for Inspect; null when the runtime cannot tell. */
  readonly graph: ModelGraph | null;
  /** Bytes of the model file (its weights, near enough). */
  readonly fileBytes: number;
  dispose(): Promise<void>;
}

/** Which backend a runtime should open a model on: the engine's TF.js backend mapped to the runtime's nearest. */
export interface OpenOptions {
  backend: 'webgpu' | 'wasm';
  name: string;
}

export interface InferenceRuntime {
  readonly name: RuntimeName;
  open(bytes: Uint8Array, options: OpenOptions): Promise<RuntimeSession>;
}
