/**
 * Inspect's part of the worker protocol: what the worker reports about one model (signatures,
 * parameters, structure, a checked dummy forward pass). Plain data only (structured clone).
 */
import type { ModelFormat } from '@/shared/models/catalog';
import type { BackendName, MemorySnapshot, ModelInfo, ModelSpec } from '@/engine/shared/types';

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
  memory: MemorySnapshot;
}

export type InspectWorkerRequest = { type: 'inspect'; id: number; model: ModelSpec };

export type InspectWorkerEvent = { type: 'inspected'; id: number; report: ModelReport };
