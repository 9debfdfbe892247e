/** A catalog model with chosen weights → the spec the worker loads, and what the UI offers. */
import type { CatalogModel } from '@/shared/models/catalog';
import type { ModelSpec } from '@/engine/shared/types';
import { variantFolder, type CatalogVariant, type QuantizedWeights, type VariantFile, type WeightsName } from './names';
import { specFromCatalog } from '@/shared/models/modelSpec';

/** The variant's files as the worker must verify them; the catalog's, or (for measuring) lumen-model.json's. */
export interface VariantFiles {
  weights: QuantizedWeights;
  files: VariantFile[];
}

/** The weights a model offers, float32 first, with the bytes each downloads. */
export function offeredWeights(model: CatalogModel): { weights: WeightsName; bytes: number; variant: CatalogVariant | null }[] {
  const float32 = model.files.reduce((n, f) => n + f.size, 0);
  return [
    { weights: 'float32', bytes: float32, variant: null },
    ...(model.variants ?? []).map((v) => ({ weights: v.weights, bytes: v.totalBytes, variant: v })),
  ];
}

export function findVariant(model: CatalogModel, weights: WeightsName | null | undefined): CatalogVariant | null {
  if (!weights || weights === 'float32') return null;
  return model.variants?.find((v) => v.weights === weights) ?? null;
}

/**
 * `variant` null → the float32 spec. Otherwise model.json and shards come from
 * `<id>/<version>/<weights>/` and are checked against the variant's hashes; the labels stay where
 * they are. The key names the weights, so the worker's model cache and Cache Storage keep them apart.
 */
export function specWithWeights(model: CatalogModel, catalogUrl: string | URL, variant: VariantFiles | null): ModelSpec {
  const base = specFromCatalog(model, catalogUrl);
  if (!variant) return base;
  const modelUrl = new URL('model.json', new URL(variantFolder(model, variant.weights), catalogUrl)).href;
  const hashes: Record<string, string> = {};
  const labelsHash = base.labelsUrl ? base.fileHashes?.[base.labelsUrl] : undefined;
  if (base.labelsUrl && labelsHash) hashes[base.labelsUrl] = labelsHash;
  for (const file of variant.files) hashes[new URL(file.path, modelUrl).href] = file.sha256;
  return { ...base, key: `${base.key}/${variant.weights}`, name: `${base.name} · ${variant.weights}`, modelUrl, fileHashes: hashes, weights: variant.weights };
}

/** lumen-model.json's record of the variants written (any, offered or not): for `npm run eval -- --weights`. */
export function recordedVariant(meta: unknown, weights: QuantizedWeights): VariantFiles | null {
  const list = (meta as { variants?: unknown } | null)?.variants;
  if (!Array.isArray(list)) return null;
  const found = list.find((v: { weights?: unknown }) => v?.weights === weights) as { files?: unknown } | undefined;
  const files = found?.files;
  if (!Array.isArray(files)) return null;
  const valid = files.filter(
    (f: Partial<VariantFile>): f is VariantFile =>
      typeof f?.path === 'string' && typeof f.sha256 === 'string' && typeof f.size === 'number' && !f.path.includes('..'),
  );
  return valid.length === files.length && valid.some((f) => f.path === 'model.json') ? { weights, files: valid } : null;
}
