import type { StateCreator } from 'zustand';
import type { CustomSettings, CustomSource, StatedByModel } from '@/features/custom/shared/customSettings';
import type { ModelJsonFacts } from '@/shared/models/modelJson';
import type { HfOnnxDtype } from '@/shared/models/hfLayout';
import type { CenterCrop, ModelSpec } from '@/engine/shared/types';

/** A user's own model, added to the picker. */
export interface CustomModel {
  id: string;
  name: string;
  source: CustomSource;
  spec: ModelSpec;
  facts: ModelJsonFacts;
  settings: CustomSettings;
  /** Dropped files: their total size; a URL: the weight bytes model.json describes. */
  diskBytes: number;
  labelsName: string | null;
}

/** A model.json that was read and checked, waiting for the user's settings. */
export interface CustomDraft {
  source: CustomSource;
  name: string;
  modelUrl: string;
  files?: File[];
  labelsFile?: File;
  ignored: string[];
  facts: ModelJsonFacts;
  settings: CustomSettings;
  stated: StatedByModel;
  /** Settings came from localStorage (this source was used before). */
  remembered: boolean;
  diskBytes: number;
  /** ONNX and TFLite drops: what their own files said (preprocessor_config.json, id2label) or what was assumed. */
  notes?: string[];
  /** A Hub repository's config.json (its id2label), when the labels are the model's own and not a dropped file. */
  labelsUrl?: string;
  /** preprocessor_config.json's shortest-edge resize and centre crop (ModelSpec.centerCrop). */
  centerCrop?: CenterCrop;
  /**
   * A Hugging Face folder's or Hub repository's dtype siblings (its weights choice), the one picked,
   * and where to pick again from: the drop, or the repository id.
   */
  siblings?: { dtype: HfOnnxDtype; name: string; bytes: number }[];
  dtype?: HfOnnxDtype;
  dropped?: File[];
  hubId?: string;
}

export interface CustomSlice {
  customModels: CustomModel[];
  customDraft: CustomDraft | null;
  customStatus: 'idle' | 'reading';
  customError: string | null;
}

export const createCustomSlice: StateCreator<CustomSlice, [], [], CustomSlice> = () => ({
  customModels: [],
  customDraft: null,
  customStatus: 'idle',
  customError: null,
});
