/**
 * Output row → top-k predictions with Keras class indices. Pure: the probabilities have already
 * been through softmax (for logits models) and read back from the device.
 */
import { isImageNetCount, type ClassCount } from './catalog';
import type { Prediction } from '@/engine/shared/types';

export interface ClassLayout {
  classes: ClassCount;
  /** Output class i (after any background offset) → Keras index; null for Keras order. */
  kerasIndex: readonly number[] | null;
}

/**
 * One label style for every model: Keras' class index (ResNet50's labels) writes WordNet names
 * with underscores ("motor_scooter") where the TF-slim lists write spaces ("motor scooter").
 */
export function readableLabel(name: string): string {
  return name.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Normalises a labels file to one name per output index, in one style (readableLabel). Accepts an
 * array or an `{"0": "tench", ...}` object, with or without the background entry of 1001-class models.
 */
export function normalizeLabels(raw: unknown, classes: ClassCount): string[] {
  let names: string[];
  if (Array.isArray(raw)) names = raw.map(String);
  else if (typeof raw === 'object' && raw !== null) {
    const entries = Object.entries(raw as Record<string, unknown>);
    names = [];
    for (const [key, value] of entries) names[Number(key)] = String(value);
  } else throw new Error('labels file must be a JSON array or an index → name object');
  if (classes === 1001 && names.length === 1000) names = ['background', ...names];
  // TF-Hub's ImageNetLabels.txt has 1001 lines, "background" first; 1000-class models skip it.
  if (classes === 1000 && names.length === 1001 && names[0]?.toLowerCase() === 'background') names = names.slice(1);
  if (names.length !== classes || names.some((n) => n === undefined)) {
    throw new Error(`labels file has ${names.length} names but the model has ${classes} classes`);
  }
  return names.map(readableLabel);
}

/**
 * A labels file's text → what normalizeLabels takes: JSON (array or index → name object), or
 * plain text with one name per line (TF-Hub's ImageNetLabels.txt).
 */
export function parseLabelsText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return JSON.parse(trimmed) as unknown;
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Keras class index of output `i`: -1 for background, null if unmapped (a model with its own classes has none). */
export function kerasIndexOf(outputIndex: number, layout: ClassLayout): number | null {
  if (!isImageNetCount(layout.classes) && !layout.kerasIndex) return null;
  const i = layout.classes === 1001 ? outputIndex - 1 : outputIndex;
  if (i < 0) return -1;
  if (!layout.kerasIndex) return i;
  return layout.kerasIndex[i] ?? null;
}

/** Top-k of one row, highest first; ties keep the lower index first. */
export function topK(row: ArrayLike<number>, k: number, labels: readonly string[], layout: ClassLayout): Prediction[] {
  const count = Math.max(0, Math.min(Math.floor(k), row.length));
  // A partial selection would be faster for k ≪ n, but n ≤ 1001 makes a sort cheap and obvious.
  const order = Array.from({ length: row.length }, (_, i) => i);
  order.sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0) || a - b);
  return order.slice(0, count).map((i) => ({
    classIndex: kerasIndexOf(i, layout),
    label: labels[i] ?? `class ${i}`,
    probability: row[i] ?? 0,
  }));
}

/** Splits a flat [N × classes] read-back into rows without copying. */
export function rowsOf(flat: Float32Array, classes: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let offset = 0; offset < flat.length; offset += classes) rows.push(flat.subarray(offset, offset + classes));
  return rows;
}
