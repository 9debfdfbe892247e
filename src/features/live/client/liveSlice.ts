import type { StateCreator } from 'zustand';
import type { Prediction } from '@/engine/shared/types';
import type { CameraProblem } from './cameraProblems';

export interface CameraChoice {
  deviceId: string;
  label: string;
}

/** The Live view: the camera stream, its latest answer and the loop's figures. */
export interface LiveState {
  status: 'idle' | 'starting' | 'running' | 'paused';
  /** Why the camera is not running (denied, none, unplugged …); null when nothing is wrong. */
  problem: CameraProblem | null;
  /** Why the last frame failed, while frames go on; cleared by the next answer. */
  frameError: string | null;
  cameras: CameraChoice[];
  /** The camera asked for; null for the browser's default. */
  cameraId: string | null;
  stream: MediaStream | null;
  predictions: Prediction[];
  /** Answers per second over the last two seconds. */
  fps: number;
  /** Capture to answer on the page, and the forward pass in the worker, of the latest frame, ms. */
  latencyMs: number | null;
  inferMs: number | null;
  frames: number;
  /** Camera frames never sent because one was in flight: dropped, not queued. */
  skipped: number;
  frameSize: { width: number; height: number } | null;
  /** The model and backend of the latest answer, as "MobileNetV2 on wasm". */
  ranWith: string | null;
  /** The name of the last snapshot put on the Classify view. */
  lastSnapshot: string | null;
}

export interface LiveSlice {
  live: LiveState;
}

export const IDLE_LIVE: LiveState = {
  status: 'idle',
  problem: null,
  frameError: null,
  cameras: [],
  cameraId: null,
  stream: null,
  predictions: [],
  fps: 0,
  latencyMs: null,
  inferMs: null,
  frames: 0,
  skipped: 0,
  frameSize: null,
  ranWith: null,
  lastSnapshot: null,
};

export const createLiveSlice: StateCreator<LiveSlice, [], [], LiveSlice> = () => ({ live: IDLE_LIVE });
