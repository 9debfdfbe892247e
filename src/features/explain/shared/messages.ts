/**
 * Explain's part of the worker protocol: a heatmap of where one class's evidence lies in one image.
 * Plain data only (structured clone).
 */
import type { ImageInput, ModelSpec } from '@/engine/shared/types';

/** How a heatmap is computed: Grad-CAM (gradients at the last convolutional features) or occlusion sensitivity. */
export const EXPLAIN_METHODS = ['gradcam', 'occlusion'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** Where one class's evidence lies in one image. */
export interface Explanation {
  /** The explained class: Keras index as in Prediction.classIndex (null: by output index only). */
  classIndex: number | null;
  /** Its position in the model's output row. */
  outputIndex: number;
  label: string;
  method: ExplainMethod;
  /** 0..1, row-major, covering the whole image (the model sees it stretched, not cropped). */
  heatmap: { width: number; height: number; values: Float32Array };
  /** The heatmap's maximum, as fractions of the image's width and height (left and top 0). */
  peak: { x: number; y: number };
  /** The image's own size: the overlay is drawn at its aspect ratio. */
  imageWidth: number;
  imageHeight: number;
  /** Decode, preprocessing and the method's passes, ms. */
  ms: number;
  /** Grad-CAM's split point (layer or graph node); null when Grad-CAM cannot run on this model. */
  gradcamAt: string | null;
  /** Why Grad-CAM cannot run on this model (occlusion is used instead); null when it can. */
  gradcamProblem: string | null;
}

/**
 * A heatmap of where one class's evidence lies; 'auto' is the best method the model allows. The
 * class is a prediction's Keras index, or its label when it has none.
 */
export interface ExplainRequest {
  image: ImageInput;
  classIndex: number | null;
  label: string;
  method: ExplainMethod | 'auto';
}

export type ExplainWorkerRequest = { type: 'explain'; id: number; model: ModelSpec } & ExplainRequest;

export type ExplainWorkerEvent = { type: 'explained'; id: number; explanation: Explanation };
