/**
 * One explanation: decode the image as classify does, preprocess it, then Grad-CAM where the
 * model lets gradients through to its last convolutional features, or occlusion. The result is a
 * 0..1 heatmap at the image's own aspect ratio, with its peak and the time it took.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { decodeBounded } from '@/engine/decode/decode';
import { preprocessBatch, type PixelSource } from '@/engine/worker/preprocess';
import type { AnyModel } from '@/engine/worker/forward';
import { readBackAll } from '@/engine/worker/readBack';
import { decodeBoundFor } from '@/shared/images/boundedSize';
import { gradCam, type Grid } from '@/features/explain/shared/gradcam';
import { normalizeGrid, peakOf, resizeToAspect } from '@/features/explain/shared/grid';
import type { Explanation, ExplainMethod } from '@/features/explain/shared/messages';
import type { ImageInput, ModelSpec } from '@/engine/shared/types';
import { classScore, outputIndexOf } from './score';
import { layersGradients, splitLayersModel, type LayersSplit } from './gradcamLayers';
import { findGraphSplit, graphGradients, type GraphSplit } from './gradcamGraph';
import { occlusionGrid } from './occlusion';

type TF = typeof tfTypes;

/** What explain needs of a loaded model (LoadedModel satisfies it). */
export interface ExplainableModel {
  spec: ModelSpec;
  labels: readonly string[];
  /** Null on ONNX Runtime and LiteRT: only TF.js differentiates, so those explain by occlusion. */
  model: AnyModel | null;
  topology: unknown;
  forward(batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D>;
}

/** Why Grad-CAM cannot run on a model of another runtime, as Explain shows it. */
export const NO_GRADIENTS_OFF_TFJS =
  'Grad-CAM needs gradients, which only TF.js models give; this model runs on another runtime, so occlusion (forward passes only) explains it';

export interface ExplainRequest {
  image: ImageInput;
  classIndex: number | null;
  label: string;
  method: ExplainMethod | 'auto';
}

/** The explain request as the engine takes it. */
export interface ExplainJob extends ExplainRequest {
  model: ModelSpec;
}

export interface DecodedPixels {
  pixels: PixelSource;
  width: number;
  height: number;
  close(): void;
}

export type ExplainDecoder = (input: ImageInput, spec: ModelSpec) => Promise<DecodedPixels>;

const decodeLikeClassify: ExplainDecoder = async (input, spec) => {
  const image = await decodeBounded(input, decodeBoundFor(spec.inputSize));
  return { pixels: image.bitmap, width: image.width, height: image.height, close: () => image.bitmap.close() };
};

type Split = { kind: 'layers'; split: LayersSplit } | { kind: 'graph'; split: GraphSplit };
/** Grad-CAM's split point per model, or why it has none; found (and, for graphs, tried) once. */
const splits = new WeakMap<object, Split | string>();

function splitOf(tf: TF, loaded: ExplainableModel): Split | string {
  if (!loaded.model) return NO_GRADIENTS_OFF_TFJS;
  const known = splits.get(loaded.model);
  if (known !== undefined) return known;
  const found: Split | string =
    loaded.model instanceof tf.GraphModel
      ? ((s) => (typeof s === 'string' ? s : { kind: 'graph' as const, split: s }))(findGraphSplit(loaded.model, loaded.topology))
      : ((s) => (typeof s === 'string' ? s : { kind: 'layers' as const, split: s }))(splitLayersModel(loaded.model));
  splits.set(loaded.model, found);
  return found;
}

const splitName = (split: Split): string => split.split.at;

async function gradCamGrid(tf: TF, loaded: ExplainableModel, split: Split, input: tfTypes.Tensor4D, outputIndex: number): Promise<Grid> {
  const score = (output: tfTypes.Tensor): tfTypes.Scalar => classScore(tf, output, outputIndex, loaded.spec);
  const { features, gradients } =
    split.kind === 'layers'
      ? layersGradients(tf, split.split, input, score)
      : graphGradients(tf, loaded.model as tfTypes.GraphModel, split.split, input, score);
  const [, height = 0, width = 0, channels = 0] = features.shape;
  const [f, g] = await readBackAll([features, gradients]);
  return gradCam({ height, width, channels, features: f.values, gradients: g.values });
}

export async function explainImage(
  tf: TF,
  loaded: ExplainableModel,
  request: ExplainRequest,
  decode: ExplainDecoder = decodeLikeClassify,
): Promise<Explanation> {
  const started = performance.now();
  const { spec } = loaded;
  const outputIndex = outputIndexOf(spec, loaded.labels, request.classIndex, request.label);
  let split = splitOf(tf, loaded);
  const image = await decode(request.image, spec);
  try {
    const pixels = preprocessBatch(tf, [image.pixels], spec.inputSize, 'raw', spec.centerCrop);
    try {
      let grid: Grid | null = null;
      if (request.method !== 'occlusion' && typeof split !== 'string') {
        const input = tf.tidy(() => preprocessBatch(tf, [image.pixels], spec.inputSize, spec.preprocessing, spec.centerCrop));
        try {
          grid = await gradCamGrid(tf, loaded, split, input, outputIndex);
        } catch (error) {
          // Gradients do not flow through this model (an op without a gradient, control flow): say so once, use occlusion.
          split = `gradients do not flow from the output to ${splitName(split)}: ${error instanceof Error ? error.message : String(error)}`;
          if (loaded.model) splits.set(loaded.model, split);
        } finally {
          input.dispose();
        }
      }
      const method: ExplainMethod = grid ? 'gradcam' : 'occlusion';
      grid ??= await occlusionGrid(tf, loaded, pixels, spec.preprocessing, outputIndex);
      const heatmap = normalizeGrid(resizeToAspect(grid, image.width, image.height));
      const peak = peakOf(heatmap);
      return {
        classIndex: request.classIndex,
        outputIndex,
        label: loaded.labels[outputIndex] ?? request.label,
        method,
        heatmap,
        peak: { x: peak.x, y: peak.y },
        imageWidth: image.width,
        imageHeight: image.height,
        ms: performance.now() - started,
        gradcamAt: typeof split === 'string' ? null : splitName(split),
        gradcamProblem: typeof split === 'string' ? split : null,
      };
    } finally {
      pixels.dispose();
    }
  } finally {
    image.close();
  }
}
