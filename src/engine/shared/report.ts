/**
 * What the worker reports about a model (the `inspect` request) and about several models side by
 * side (the `compare` request). Plain data only: it crosses the worker boundary by structured clone.
 */
import type { ModelFormat } from '@/shared/models/catalog';
import type { SerializedError } from '@/shared/errors';
import type { BackendName, ModelInfo, Prediction } from './protocol';

export interface TensorSignature {
  name: string;
  /** null for a dimension the model leaves open (the batch, usually). */
  shape: (number | null)[];
  dtype: string;
}

/** One layer (layers models) or op (graph models). */
export interface NodeSummary {
  name: string;
  type: string;
  /** Layers models know each layer's output shape and parameter count; graph ops do not. */
  outputShape: (number | null)[] | null;
  parameters: number | null;
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface ModelStructure {
  unit: 'layer' | 'op';
  /** Layers, or ops that compute (weights stored as Const nodes and the input Placeholder excluded). */
  count: number;
  histogram: TypeCount[];
  first: NodeSummary[];
  last: NodeSummary[];
  /** Graph models: how many Const nodes (weights and constants) the graph holds. */
  constants: number | null;
}

export interface ParameterCounts {
  total: number;
  /** Known for layers models only: a graph model's weights are all frozen constants. */
  trainable: number | null;
  nonTrainable: number | null;
}

/** The dummy forward pass: random pixels through the full pipeline, checked like a real answer. */
export interface ForwardCheck {
  passed: boolean;
  outputShape: number[];
  labelCount: number;
  probabilitySum: number;
  /** Forward pass until read-back, ms. The first inference after warm-up when `freshLoad`. */
  ms: number;
  problems: string[];
}

export interface ModelReport {
  key: string;
  name: string;
  format: ModelFormat;
  backend: BackendName;
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  parameters: ParameterCounts;
  weightTensors: number;
  /** Load time, warm-up, cache hit, weight bytes in memory: as measured when the model was loaded. */
  info: ModelInfo;
  /** True when this request loaded the model (so `check.ms` is its first real inference). */
  freshLoad: boolean;
  structure: ModelStructure;
  check: ForwardCheck;
  /** tf.memory() of the whole backend after the check. */
  memory: { numTensors: number; numBytes: number };
}

export type CompareRow =
  | {
      key: string;
      name: string;
      status: 'ok';
      parameters: number;
      weightBytes: number;
      loadMs: number;
      warmupMs: number;
      fromCache: boolean;
      /** Batch-1 forward + read-back, every timed run, ms. */
      runsMs: number[];
      medianMs: number;
      /** Top-1 on the chosen image; null when no image was given. */
      top1: Prediction | null;
    }
  | { key: string; name: string; status: 'error'; error: SerializedError };

/** Distribution of one set of latencies, ms. Percentiles interpolate linearly (see lib/stats.ts). */
export interface LatencyStats {
  count: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1); 0 for a single sample. */
  std: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}
