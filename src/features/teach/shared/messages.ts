/**
 * Teach's part of the worker protocol: embeddings of images from a base model (`teach-embedding`
 * per image, then `teach-embedded`), and a head trained on them (`teach-epoch` per dense epoch,
 * then `teach-trained`). Plain data only (structured clone).
 */
import type { EmbeddingItem, TeachEmbedRequest, TeachEpoch, TeachResult, TeachTrainRequest } from './teach';

/** What an embed request ends with: how many images, how many failed, the embedding size and the node it is taken at. */
export interface TeachEmbedded {
  count: number;
  failed: number;
  dim: number;
  at: string;
}

export type TeachWorkerRequest =
  /** Embeddings of images from a base model (cached per image content). */
  | ({ type: 'teach-embed'; id: number } & TeachEmbedRequest)
  /** A head (kNN or dense) on labelled embeddings, evaluated on the held-apart ones. */
  | ({ type: 'teach-train'; id: number } & TeachTrainRequest);

export type TeachWorkerEvent =
  | { type: 'teach-embedding'; id: number; index: number; embedding: EmbeddingItem }
  | ({ type: 'teach-embedded'; id: number } & TeachEmbedded)
  | { type: 'teach-epoch'; id: number; epoch: TeachEpoch }
  | { type: 'teach-trained'; id: number; result: TeachResult };
