import type { StateCreator } from 'zustand';
import type { BackendName } from '@/engine/shared/types';
import type { ExplainMethod, Explanation } from '@/features/explain/shared/messages';

/** The explanation shown on one result card (the last class asked for), with its overlay settings. */
export interface ExplainEntry {
  /** The class asked for: a prediction's Keras index (null when it has none) and label. */
  classIndex: number | null;
  label: string;
  /** What the person chose; 'auto' is the best method for the model. */
  method: ExplainMethod | 'auto';
  status: 'running' | 'done' | 'error';
  requestId: number;
  /** Model name and backend it ran with, for the line under the overlay. */
  modelName: string;
  backend: BackendName | null;
  explanation: Explanation | null;
  error: string | null;
  /** Overlay on or off, and its opacity 0..1. */
  visible: boolean;
  opacity: number;
}

export interface ExplainSlice {
  /** By result card key. */
  explanations: Record<string, ExplainEntry>;
  /** The card whose larger view is open, if any. */
  explainZoom: string | null;
}

export const DEFAULT_OVERLAY_OPACITY = 0.6;

export const createExplainSlice: StateCreator<ExplainSlice, [], [], ExplainSlice> = () => ({
  explanations: {},
  explainZoom: null,
});
