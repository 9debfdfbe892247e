/**
 * The Live view's part of the worker protocol: one camera frame in, its top-k out. The page keeps
 * at most one frame in flight and captures the next only when the answer is back, so frames the
 * camera shows meanwhile are dropped, never queued (see features/live/client/framePump.ts).
 */
import type { ModelSpec, Prediction } from '@/engine/shared/types';

/** A camera frame, transferred (never copied): a VideoFrame where WebCodecs exists, else an ImageBitmap. */
export type LiveFrame = VideoFrame | ImageBitmap;

export interface LiveResult {
  predictions: Prediction[];
  /** Frame → bitmap → tensor → model input, ms (in the worker). */
  preprocessMs: number;
  /** Forward pass until read-back, ms. */
  inferMs: number;
  /** The frame's pixel size. */
  width: number;
  height: number;
}

/** One camera frame: top-k, no thumbnail. Never re-sent to a new worker (the frame is gone). */
export type LiveWorkerRequest = { type: 'live-frame'; id: number; model: ModelSpec; frame: LiveFrame; k: number };

export type LiveWorkerEvent = { type: 'live-result'; id: number; result: LiveResult };
