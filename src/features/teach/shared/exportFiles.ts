/**
 * A taught model as files: a standard TF.js layers model for the head (model.json + weights.bin),
 * labels.json, and lumen-taught.json naming the base model, its preprocessing and the embedding
 * (which node, pooled and L2-normalised), so the head can be put back on the same base. And the
 * way back: those files, dropped on the Your-model view, become the same taught model.
 */
import type { HeadArtifacts, TaughtMeta } from './teach';

export const TAUGHT_META_FILE = 'lumen-taught.json';
export const HEAD_WEIGHTS_FILE = 'weights.bin';

export interface ExportedFile {
  name: string;
  type: string;
  data: string | ArrayBuffer;
}

export function exportTaught(head: HeadArtifacts, meta: TaughtMeta): ExportedFile[] {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Lumen teach',
    convertedBy: null,
    modelTopology: head.modelTopology,
    weightsManifest: [{ paths: [HEAD_WEIGHTS_FILE], weights: head.weightSpecs }],
  };
  return [
    { name: 'model.json', type: 'application/json', data: JSON.stringify(modelJson) },
    { name: HEAD_WEIGHTS_FILE, type: 'application/octet-stream', data: head.weightData },
    { name: 'labels.json', type: 'application/json', data: JSON.stringify(meta.labels) },
    { name: TAUGHT_META_FILE, type: 'application/json', data: JSON.stringify(meta, null, 2) },
  ];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** lumen-taught.json's text → its record, or a message saying what is wrong. */
export function parseTaughtMeta(text: string): TaughtMeta | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `${TAUGHT_META_FILE} is not JSON`;
  }
  if (!isObject(raw) || raw['format'] !== 'lumen-taught') return `${TAUGHT_META_FILE} is not a Lumen taught-model record`;
  if (raw['version'] !== 1) return `${TAUGHT_META_FILE} has version ${String(raw['version'])}; this Lumen reads version 1`;
  const { labels, base, method } = raw;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string')) return `${TAUGHT_META_FILE} lists no labels`;
  if (method !== 'knn' && method !== 'dense') return `${TAUGHT_META_FILE} names no method (knn or dense)`;
  if (!isObject(base) || typeof base['id'] !== 'string') return `${TAUGHT_META_FILE} names no base model`;
  return raw as unknown as TaughtMeta;
}

/** model.json's text and its weight shards (in manifest order) → the head's artifacts. */
export function headFromFiles(modelJsonText: string, shards: readonly ArrayBuffer[]): HeadArtifacts | string {
  let raw: unknown;
  try {
    raw = JSON.parse(modelJsonText);
  } catch {
    return 'model.json is not JSON';
  }
  if (!isObject(raw) || !isObject(raw['modelTopology']) || !Array.isArray(raw['weightsManifest'])) return 'model.json is not a TF.js layers model';
  const groups = raw['weightsManifest'] as { paths?: unknown; weights?: unknown }[];
  const weightSpecs = groups.flatMap((g) => (Array.isArray(g.weights) ? (g.weights as HeadArtifacts['weightSpecs']) : []));
  const bytes = new Uint8Array(shards.reduce((sum, s) => sum + s.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    bytes.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  const expected = weightSpecs.reduce((sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (expected !== bytes.byteLength) return `the weights hold ${bytes.byteLength} bytes but model.json describes ${expected}`;
  return { modelTopology: raw['modelTopology'], weightSpecs, weightData: bytes.buffer };
}

/** Shard file names in the order model.json lists them. */
export function shardNames(modelJsonText: string): string[] {
  try {
    const raw = JSON.parse(modelJsonText) as { weightsManifest?: { paths?: string[] }[] };
    return (raw.weightsManifest ?? []).flatMap((g) => g.paths ?? []);
  } catch {
    return [];
  }
}
