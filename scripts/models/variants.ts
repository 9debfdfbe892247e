/**
 * Weight variants beside an installed model's float32 files: `<folder>/<weights>/model.json` and
 * its shards (src/shared/weights/quantizeModel.ts). Deterministic, so the sha256 the catalog records
 * for an offered variant matches what every install writes. Files already holding the right bytes
 * are left alone.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quantizeModel } from '../../src/shared/weights/quantizeModel';
import { FLOAT16_RULE, UINT8_RULE } from '../../src/shared/weights/rule';
import { QUANTIZED_WEIGHTS, type CatalogVariant, type QuantizedWeights, type VariantFile } from '../../src/shared/weights/names';

/** What lumen-model.json records of a written variant. */
export interface VariantRecord {
  weights: QuantizedWeights;
  files: VariantFile[];
  /** Variant files plus the shared labels file: what a client downloads. */
  totalBytes: number;
  /** Tensors per storage type. */
  tensors: { uint8: number; float16: number; keep: number };
  rule: string;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function writeIfChanged(path: string, bytes: Uint8Array): Promise<void> {
  try {
    const old = await readFile(path);
    if (old.length === bytes.length && sha256(old) === sha256(bytes)) return;
  } catch {
    // absent: write it
  }
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

async function groupData(folder: string, modelJson: Record<string, unknown>): Promise<Uint8Array[]> {
  const manifest = modelJson['weightsManifest'];
  if (!Array.isArray(manifest)) throw new Error('model.json has no weightsManifest');
  return Promise.all(
    manifest.map(async (group: { paths?: unknown }) => {
      const paths = Array.isArray(group.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : [];
      return new Uint8Array(Buffer.concat(await Promise.all(paths.map((p) => readFile(join(folder, p))))));
    }),
  );
}

/** Writes one variant of the model in `folder` (which holds model.json and its shards). */
export async function writeVariant(folder: string, weights: QuantizedWeights, labelsBytes: number): Promise<VariantRecord> {
  const modelJson = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as Record<string, unknown>;
  const quantized = quantizeModel(modelJson, await groupData(folder, modelJson), weights);
  const dir = join(folder, weights);
  await mkdir(dir, { recursive: true });
  const outputs = [
    { path: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(quantized.modelJson)) },
    ...quantized.shards.map((s) => ({ path: s.path, bytes: s.bytes })),
  ];
  // Shards of an earlier layout (another shard count) would only confuse: remove them.
  const keep = new Set(outputs.map((o) => o.path));
  for (const name of await readdir(dir)) if (!keep.has(name)) await rm(join(dir, name), { force: true });
  for (const o of outputs) await writeIfChanged(join(dir, o.path), o.bytes);
  const files = outputs.map((o) => ({ path: o.path, size: o.bytes.length, sha256: sha256(o.bytes) }));
  return {
    weights,
    files,
    totalBytes: files.reduce((n, f) => n + f.size, 0) + labelsBytes,
    tensors: quantized.counts,
    rule: weights === 'uint8' ? UINT8_RULE : FLOAT16_RULE,
  };
}

export async function writeVariants(folder: string, labelsBytes: number): Promise<VariantRecord[]> {
  const records: VariantRecord[] = [];
  for (const weights of QUANTIZED_WEIGHTS) records.push(await writeVariant(folder, weights, labelsBytes));
  return records;
}

/** An offered (catalog) variant whose recorded files differ from what was written: the app's hash check would refuse it. */
export function variantMismatches(offered: readonly CatalogVariant[], written: readonly VariantRecord[]): string[] {
  const warnings: string[] = [];
  for (const v of offered) {
    const record = written.find((r) => r.weights === v.weights);
    const same =
      record !== undefined &&
      record.files.length === v.files.length &&
      v.files.every((f) => record.files.some((r) => r.path === f.path && r.sha256 === f.sha256 && r.size === f.size));
    if (!same) warnings.push(`${v.weights} variant: written files differ from the catalog's hashes (re-measure and update the catalog entry)`);
  }
  return warnings;
}
