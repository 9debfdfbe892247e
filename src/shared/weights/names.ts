/**
 * Weight variants: a catalog model's weights stored lighter (TF.js's own quantized weightsManifest
 * entries, dequantized by tfjs at load time) in `<id>/<version>/<weights>/` beside the float32 files.
 * Only variants whose measured top-1 stays within VARIANT_TOP1_TOLERANCE of float32 are listed.
 */
import { fail, fileEntry, isObject, type Json } from '@/shared/models/catalogJson';

export type QuantizedWeights = 'float16' | 'uint8';
export type WeightsName = 'float32' | QuantizedWeights;

export const QUANTIZED_WEIGHTS: readonly QuantizedWeights[] = ['float16', 'uint8'];
export const WEIGHTS_NAMES: readonly WeightsName[] = ['float32', ...QUANTIZED_WEIGHTS];

/** Top-1 points (percent) a variant may lose on the 1000-image sample and still be offered. */
export const VARIANT_TOP1_TOLERANCE = 0.5;

export function isWeightsName(value: unknown): value is WeightsName {
  return typeof value === 'string' && (WEIGHTS_NAMES as readonly string[]).includes(value);
}

export interface VariantFile {
  /** Relative to the variant's folder (its model.json's folder). */
  path: string;
  size: number;
  sha256: string;
}

/** One offered variant as the catalog lists it, with the figures that earned it its place. */
export interface CatalogVariant {
  weights: QuantizedWeights;
  /** model.json and its shards; the labels stay in the float32 folder. */
  files: VariantFile[];
  /** Bytes downloaded for this variant: its files plus the shared labels file. */
  totalBytes: number;
  /** Measured on the 1000-image imagenet-sample (`npm run eval -- --weights W`), as fractions. */
  top1: number;
  top5: number;
}

function fraction(v: Json, key: string, where: string): number {
  const n = v[key];
  if (typeof n !== 'number' || !(n >= 0 && n <= 1)) fail(where, `"${key}" must be a fraction 0..1`);
  return n;
}

function variantFile(v: unknown, where: string): VariantFile {
  const { path, size, sha256 } = fileEntry(v, where);
  return { path, size, sha256 };
}

/** Validates a catalog model's `variants` (untrusted JSON). */
export function validateVariants(value: unknown, where: string): CatalogVariant[] {
  if (!Array.isArray(value)) fail(where, '"variants" must be an array');
  const seen = new Set<string>();
  return value.map((v, i) => {
    const at = `${where} variants[${i}]`;
    if (!isObject(v)) fail(at, 'must be an object');
    const weights = v['weights'];
    if (!(QUANTIZED_WEIGHTS as readonly unknown[]).includes(weights)) fail(at, `"weights" must be one of ${QUANTIZED_WEIGHTS.join(', ')}`);
    const name = weights as QuantizedWeights;
    if (seen.has(name)) fail(at, `duplicate variant ${name}`);
    seen.add(name);
    const files = v['files'];
    if (!Array.isArray(files) || files.length === 0) fail(at, '"files" must be a non-empty array');
    const parsed = files.map((f) => variantFile(f, at));
    if (!parsed.some((f) => f.path === 'model.json')) fail(at, '"files" must include model.json');
    const totalBytes = v['totalBytes'];
    if (typeof totalBytes !== 'number' || !Number.isInteger(totalBytes) || totalBytes <= 0) fail(at, '"totalBytes" must be a positive integer');
    return { weights: name, files: parsed, totalBytes, top1: fraction(v, 'top1', at), top5: fraction(v, 'top5', at) };
  });
}

/** Folder of a variant's files relative to the catalog's folder: `<id>/<version>/<weights>/`. */
export function variantFolder(model: { id: string; version: string }, weights: QuantizedWeights): string {
  return `${model.id}/${model.version}/${weights}/`;
}
