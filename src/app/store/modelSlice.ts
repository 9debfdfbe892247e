import type { StateCreator } from 'zustand';
import type { Catalog } from '@/shared/models/catalog';
import type { ModelInfo } from '@/engine/shared/types';

/**
 * What `npm run models` wrote beside an installed model (lumen-model.json, see
 * scripts/models/metadata.ts). All optional: an offline visit may know only that the model is cached.
 */
export interface InstalledMeta {
  fetchedAt?: string;
  totalBytes?: number;
  name?: string;
  version?: string;
  source?: { kind: string; location?: string } & Record<string, unknown>;
  format?: string;
  inputShape?: (number | null)[];
  outputShape?: (number | null)[];
  classes?: number;
  preprocessing?: string;
  output?: string;
  labelOrder?: string;
  files?: { path: string; size: number; sha256: string }[];
  /** Set by the page when the network failed and the model was found in the browser cache. */
  offline?: boolean;
  /** A hosted catalog model: nothing installed, the worker fetches it online by URL. */
  online?: boolean;
}

export interface ModelSlice {
  catalog: Catalog | null;
  catalogError: string | null;
  /** id → metadata when installed, null when not; absent while still checking. */
  installed: Record<string, InstalledMeta | null>;
  selectedModel: string | null;
  k: number;
  modelStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** Download progress 0..1 while loading. */
  modelProgress: number;
  modelInfo: ModelInfo | null;
  modelError: string | null;
  /** What `?runtime=` did: which member of the family it chose, or why it could not. */
  runtimeNotice: string | null;
  /**
   * The measured choice ran another member of the selected model's family (the same network on
   * ONNX Runtime or LiteRT) because it was clearly faster here: `member` runs while `of` is selected
   * with float32 weights and no forced backend (app/backendChoice).
   */
  runningMember: { of: string; member: string } | null;
}

export const DEFAULT_K = 5;
export const MAX_K = 20;

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = () => ({
  catalog: null,
  catalogError: null,
  installed: {},
  selectedModel: null,
  k: DEFAULT_K,
  modelStatus: 'idle',
  modelProgress: 0,
  modelInfo: null,
  modelError: null,
  runtimeNotice: null,
  runningMember: null,
});
