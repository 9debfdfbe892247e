/**
 * The engine's own requests and events, beside the features' (features/<name>/shared/messages.ts):
 * choosing a backend, loading a model, the fault test hook and cancel, and what the worker tells
 * about itself (progress, recoveries, liveness, memory). Plain data only (structured clone).
 */
import type { SerializedError } from '@/shared/errors';
import type { BackendName, EngineInfo, FaultKind, MemorySnapshot, ModelInfo, ModelSpec, Notice, ProgressStage } from './types';

export type EngineWorkerRequest =
  | {
      type: 'init';
      id: number;
      backend: BackendName | null;
      /**
       * Set when `backend` is the measured automatic choice (app/backendChoice), not the person's:
       * why it was chosen. It is started unforced, and the automatic order takes over where it cannot start.
       */
      measured?: string;
    }
  | { type: 'load'; id: number; model: ModelSpec }
  /** Test hook: provoke a fault now (not queued behind the running request). */
  | { type: 'fault'; id: number; kind: FaultKind }
  /** Stop request `target`: dropped if queued, stopped at its next checkpoint if running. Never answered. */
  | { type: 'cancel'; id: number; target: number };

export type EngineWorkerEvent =
  | { type: 'progress'; id: number; stage: ProgressStage; fraction: number; detail: string }
  | { type: 'ready'; id: number; engine: EngineInfo }
  | { type: 'loaded'; id: number; model: ModelInfo }
  /** A recovery (or failure to recover) the person should hear about; id 0 when no request was running. */
  | { type: 'notice'; id: number; notice: Notice }
  /** The engine changed under a request (GPU lost → rebuilt, or fell back to another backend). */
  | { type: 'engine-changed'; id: number; engine: EngineInfo }
  /** Broadcast (id 0) once the worker holds its liveness lock (see engine/shared/liveness.ts). */
  | { type: 'alive'; id: number }
  /** Broadcast (id 0) after every finished request: tf.memory() at that point. */
  | { type: 'memory'; id: number; memory: MemorySnapshot }
  | { type: 'fault-injected'; id: number; kind: FaultKind }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; error: SerializedError };
