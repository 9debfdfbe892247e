/**
 * The eval harness's image sets, read from a folder:
 *  - labels.csv (file,class_index,...)  → an accuracy set: one Keras class per image (imagenet-sample);
 *  - expected.csv (file,acceptable_top1_keras_class_indices,...) → a photo set: each photo lists the
 *    top-1 classes that count as right ("|"-separated; empty means any answer is fine).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exists } from '../common/files';
import { splitCsvRecords } from '../../src/features/evaluate/shared/labelCsv';

/** One image with what a correct answer looks like. */
export interface EvalImage {
  file: string;
  /** Absolute path on disk. */
  path: string;
  /** The true Keras class (accuracy sets); null for photos. */
  label: number | null;
  /** Acceptable top-1 Keras classes (photo sets); null for accuracy sets; [] means anything goes. */
  acceptable: number[] | null;
  /** Human description, when the CSV has one. */
  what: string;
}

export interface EvalSet {
  kind: 'accuracy' | 'photos';
  dir: string;
  images: EvalImage[];
}

/**
 * Minimal RFC 4180 parser (quotes, doubled quotes, CRLF). A row with more cells than the header
 * folds the extras back into its last column: free-text "what" columns in the shared CSVs hold
 * unquoted commas ("any answer, but must not crash").
 */
export function parseCsv(text: string): Record<string, string>[] {
  // The one CSV splitter (quotes, doubled quotes, CRLF, BOM) Evaluate's label files use too.
  const rows = splitCsvRecords(text).map((r) => r.cells);
  const [header, ...body] = rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (!header) return [];
  return body.map((cells) => {
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name.trim()] = i === header.length - 1 ? cells.slice(i).join(',') : (cells[i] ?? '');
    });
    return record;
  });
}

function classIndex(value: string | undefined, where: string): number {
  const n = Number(value?.trim());
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 999) {
    throw new Error(`${where}: "${value ?? ''}" is not a Keras class index 0..999`);
  }
  return n;
}

export function accuracyImages(csv: string, dir: string): EvalImage[] {
  return parseCsv(csv).map((r, i) => {
    const file = r['file']?.trim();
    if (!file) throw new Error(`labels.csv row ${i + 2}: no "file"`);
    return { file, path: join(dir, file), label: classIndex(r['class_index'], `labels.csv row ${i + 2}`), acceptable: null, what: r['name'] ?? '' };
  });
}

export function photoImages(csv: string, dir: string): EvalImage[] {
  return parseCsv(csv).map((r, i) => {
    const file = r['file']?.trim();
    if (!file) throw new Error(`expected.csv row ${i + 2}: no "file"`);
    const raw = r['acceptable_top1_keras_class_indices'] ?? '';
    const acceptable = raw.trim() === '' ? [] : raw.split('|').map((v) => classIndex(v, `expected.csv row ${i + 2}`));
    return { file, path: join(dir, file), label: null, acceptable, what: r['what'] ?? '' };
  });
}

/** `limit` images spread evenly over the set (deterministic), so a subset still spans all classes. */
export function spread<T>(items: readonly T[], limit: number | undefined): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const n = Math.max(0, Math.floor(limit));
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

/** Reads an image folder; throws a message naming what is missing. */
export async function loadEvalSet(dirArg: string, limit?: number): Promise<EvalSet> {
  const dir = resolve(dirArg);
  if (await exists(join(dir, 'labels.csv'))) {
    return { kind: 'accuracy', dir, images: spread(accuracyImages(await readFile(join(dir, 'labels.csv'), 'utf8'), dir), limit) };
  }
  if (await exists(join(dir, 'expected.csv'))) {
    return { kind: 'photos', dir, images: spread(photoImages(await readFile(join(dir, 'expected.csv'), 'utf8'), dir), limit) };
  }
  throw new Error(`${dir} has neither labels.csv (file,class_index) nor expected.csv (file,acceptable_top1_keras_class_indices)`);
}
