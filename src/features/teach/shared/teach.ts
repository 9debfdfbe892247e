/**
 * Teach (transfer learning): the types the page, the worker and `npm run teach` share. A base
 * catalog model becomes a frozen feature extractor (its globally pooled last convolutional
 * features, L2-normalised: the "embedding"), and a small head is put on top: a soft k-nearest-
 * neighbours vote over the stored examples, or a dense layer trained with Adam. Serializable only.
 */
import type { HeadArtifacts, ImageInput, ModelSpec, TaughtModelSpec, TeachMethod } from '@/engine/shared/types';

// Defined beside ModelSpec (which carries a taught model), so the engine's core types stay a leaf.
export type { HeadArtifacts, TaughtModelSpec, TeachMethod };

const METHODS = { knn: true, dense: true } as const satisfies Record<TeachMethod, true>;
export const TEACH_METHODS = Object.keys(METHODS) as TeachMethod[];

export function isTeachMethod(value: unknown): value is TeachMethod {
  return typeof value === 'string' && Object.hasOwn(METHODS, value);
}

/** Fewest images a class must have (after the split, for training) for a head to mean anything. */
export const MIN_IMAGES_PER_CLASS = 2;

/**
 * The kNN head's sharpness: each stored example votes with softmax(temperature · cosine) over all
 * examples, so the nearest neighbours dominate. Exported as exactly this (see features/teach/shared/knn.ts).
 */
export const DEFAULT_KNN_TEMPERATURE = 20;

export interface DenseOptions {
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** Units of one hidden ReLU layer (with dropout), or 0 for a single softmax layer. */
  hidden: number;
  dropout: number;
  /** Seed for the head's initial weights and the shuffles, so runs repeat. */
  seed: number;
}

export const DEFAULT_DENSE: DenseOptions = { epochs: 30, learningRate: 0.01, batchSize: 16, hidden: 0, dropout: 0.25, seed: 7 };

/** Labelled embeddings: vectors are L2-normalised, each `dim` long; labels index `classes`. */
export interface EmbeddingSet {
  vectors: Float32Array[];
  labels: number[];
}

/** One image's embedding, or why it has none. */
export type EmbeddingItem =
  | { name: string; status: 'ok'; key: string; vector: Float32Array; cached: boolean }
  | { name: string; status: 'error'; message: string };

export interface TeachEmbedRequest {
  base: ModelSpec;
  images: ImageInput[];
}

export interface TeachTrainRequest {
  /** Names the head's files and records which base it sits on. */
  base: ModelSpec;
  method: TeachMethod;
  classes: string[];
  train: EmbeddingSet;
  /** Held-apart examples: accuracy and confusion are reported on these (empty: none). */
  test: EmbeddingSet;
  dense: DenseOptions;
  temperature: number;
}

/** One epoch of the dense head (kNN has none). */
export interface TeachEpoch {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  /** On the held-apart examples; null without any. */
  valLoss: number | null;
  valAccuracy: number | null;
}

export interface TeachEvaluation {
  /** Held-out accuracy 0..1; null without held-out examples. */
  accuracy: number | null;
  /** confusion[true][predicted] counts on the held-out examples. */
  confusion: number[][];
  /** Predicted class per held-out example, in order. */
  predicted: number[];
}

export interface TeachResult {
  head: HeadArtifacts;
  evaluation: TeachEvaluation;
  trainMs: number;
  /** Embedding size of the base. */
  dim: number;
}

/** What lumen-taught.json records beside an exported head, and what a stored taught model keeps. */
export interface TaughtMeta {
  format: 'lumen-taught';
  version: 1;
  name: string;
  method: TeachMethod;
  labels: string[];
  base: { id: string; version: string; key: string; name: string; preprocessing: string; inputSize: [number, number] };
  /** The base model's node or layer whose output is globally averaged and L2-normalised. */
  embedding: { at: string; dim: number; pooling: 'global-average'; normalise: 'l2' };
  /** For kNN: the temperature the exported head was built with. */
  temperature: number | null;
  createdAt: string;
}
