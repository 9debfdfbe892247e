/**
 * The measured figures behind the offered weight variants (scripts/data/variants.json) and the rule
 * that turns them into catalog entries: a variant is offered when its top-1 on the 1000-image sample
 * is within VARIANT_TOP1_TOLERANCE points of float32, and (uint8) when it is really lighter than float16.
 */
import { VARIANT_TOP1_TOLERANCE, type CatalogVariant, type QuantizedWeights, type VariantFile, type WeightsName } from '../../src/shared/weights/names';

export interface Measured {
  /** Bytes a client downloads for these weights (model.json, shards, labels). */
  bytes: number;
  top1: number;
  top5: number;
  /** Images scored (1000 for the full sample). */
  n: number;
}

/** An earlier rule's figures, kept for the record (never offered); bytes where known. */
export type Superseded = Omit<Measured, 'bytes'> & { bytes: number | null; rule: string };

export interface ModelFigures {
  float32?: Measured;
  float16?: Measured;
  uint8?: Measured;
  /** Earlier uint8 rules where they were measured: why the rule is what it is. */
  superseded?: Record<string, Superseded>;
}

/** The earlier rules, by the file suffix their eval JSON was saved under. */
export const SUPERSEDED_RULES: Readonly<Record<string, string>> = {
  'uint8-shape-only': 'uint8 for every float32 kernel of rank >= 2 with >= 4096 values that is not depthwise; float16 for the rest',
  'float16-no-range-check': 'float16 for every float32 tensor, even beyond float16 range (ResNet50 bn_conv1/moving_variance became Inf)',
  'uint8-noise-only': 'the channel-noise rule alone (no lossless grid encoding): min/max uint8 where the 90th-percentile channel noise <= 2 %',
};

export interface FiguresFile {
  how: string;
  uint8Rule: string;
  models: Record<string, ModelFigures>;
}

/** uint8 must save at least this share of float16's bytes to be worth a second choice. */
export const UINT8_MIN_SAVING = 0.1;

/** Why `weights` is not offered for a model, or null when it is. */
export function offerProblem(figures: ModelFigures, weights: QuantizedWeights): string | null {
  const base = figures.float32;
  const own = figures[weights];
  if (!base || !own) return 'not measured';
  if (own.n !== base.n) return `measured on ${own.n} images, float32 on ${base.n}`;
  const lost = (base.top1 - own.top1) * 100;
  if (lost > VARIANT_TOP1_TOLERANCE + 1e-9) return `top-1 ${lost.toFixed(1)} points below float32`;
  const half = figures.float16;
  if (weights === 'uint8' && half && own.bytes > half.bytes * (1 - UINT8_MIN_SAVING)) return 'hardly lighter than float16';
  return null;
}

/** The catalog's `variants` for a model: those offered, with the files npm run models recorded. */
export function catalogVariants(
  figures: ModelFigures,
  written: readonly { weights: QuantizedWeights; files: VariantFile[]; totalBytes: number }[],
): CatalogVariant[] {
  return written.flatMap((record) => {
    const own = figures[record.weights];
    if (!own || offerProblem(figures, record.weights) !== null) return [];
    return [{ weights: record.weights, files: record.files, totalBytes: record.totalBytes, top1: own.top1, top5: own.top5 }];
  });
}

export const FIGURE_WEIGHTS: readonly WeightsName[] = ['float32', 'float16', 'uint8'];
