/**
 * A TF.js model.json + its weight data → the same topology with a quantized weightsManifest and new
 * shards. Each entry keeps dtype float32 and gains TF.js's own `quantization` field, so
 * tf.io.decodeWeights (and so loadGraphModel / loadLayersModel) dequantizes at load time.
 */
import type { QuantizedWeights } from './names';
import { toFloat16 } from './float16';
import { float16Choice, uint8Choice, type TensorChoice, type WeightInfo } from './rule';
import { toUint8 } from './uint8';

export interface ManifestEntry extends WeightInfo {
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
  [extra: string]: unknown;
}

export interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

export interface Shard {
  path: string;
  bytes: Uint8Array;
}

export interface QuantizedModel {
  modelJson: Record<string, unknown>;
  shards: Shard[];
  /** How many tensors ended up in each storage type. */
  counts: Record<TensorChoice, number>;
}

/** TF.js's converter default: 4 MiB shards. */
export const SHARD_BYTES = 4 * 1024 * 1024;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function entryBytes(w: ManifestEntry): number {
  const per = BYTES[w.quantization?.dtype ?? w.dtype];
  if (per === undefined) throw new Error(`weight ${w.name}: dtype ${w.dtype} is not supported for variants`);
  return w.shape.reduce((n, d) => n * d, 1) * per;
}

const asFloat32 = (raw: Uint8Array): Float32Array => new Float32Array(raw.slice().buffer);

function choose(weights: QuantizedWeights, w: ManifestEntry, raw: Uint8Array): TensorChoice {
  if (w.quantization || w.dtype !== 'float32') return 'keep';
  return weights === 'uint8' ? uint8Choice(w, asFloat32(raw)) : float16Choice(w, asFloat32(raw));
}

function encode(w: ManifestEntry, raw: Uint8Array, choice: TensorChoice): { entry: ManifestEntry; bytes: Uint8Array } {
  if (choice === 'keep' || w.quantization) return { entry: w, bytes: raw };
  const values = asFloat32(raw);
  if (choice === 'float16') {
    return { entry: { ...w, quantization: { dtype: 'float16' } }, bytes: new Uint8Array(toFloat16(values).buffer) };
  }
  const q = toUint8(values);
  return { entry: { ...w, quantization: { dtype: 'uint8', scale: q.scale, min: q.min } }, bytes: q.bytes };
}

function shardsOf(data: Uint8Array, group: number, shardBytes: number): Shard[] {
  const count = Math.max(1, Math.ceil(data.length / shardBytes));
  return Array.from({ length: count }, (_, i) => ({
    path: `group${group + 1}-shard${i + 1}of${count}.bin`,
    bytes: data.subarray(i * shardBytes, Math.min(data.length, (i + 1) * shardBytes)),
  }));
}

/**
 * `groupData[g]` is group g's shards concatenated in order. A tensor already quantized in the
 * source keeps its bytes; a float32 one is stored as the variant's rule chooses.
 */
export function quantizeModel(
  modelJson: Record<string, unknown>,
  groupData: readonly Uint8Array[],
  weights: QuantizedWeights,
  shardBytes = SHARD_BYTES,
): QuantizedModel {
  const manifest = modelJson['weightsManifest'] as ManifestGroup[] | undefined;
  if (!Array.isArray(manifest)) throw new Error('model.json has no weightsManifest');
  const counts: Record<TensorChoice, number> = { uint8: 0, float16: 0, keep: 0 };
  const shards: Shard[] = [];
  const groups = manifest.map((group, g) => {
    const data = groupData[g];
    if (!data) throw new Error(`no weight data for manifest group ${g + 1}`);
    let offset = 0;
    const parts: Uint8Array[] = [];
    const entries = group.weights.map((w) => {
      const size = entryBytes(w);
      if (offset + size > data.length) throw new Error(`weight ${w.name} runs past the end of group ${g + 1}'s shards`);
      const raw = data.subarray(offset, offset + size);
      const choice = choose(weights, w, raw);
      counts[choice]++;
      const { entry, bytes } = encode(w, raw, choice);
      offset += size;
      parts.push(bytes);
      return entry;
    });
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    const groupShards = shardsOf(joined, g, shardBytes);
    shards.push(...groupShards);
    return { ...group, paths: groupShards.map((s) => s.path), weights: entries };
  });
  return { modelJson: { ...modelJson, weightsManifest: groups }, shards, counts };
}
