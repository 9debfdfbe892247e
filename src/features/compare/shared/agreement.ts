/**
 * Same answers everywhere: Compare holds every model's probabilities on the chosen image against the
 * first model's. For ImageNet models the rows are put in Keras class order first (a 1001-class
 * model's background dropped, Darknet's order mapped), so a TF.js model, its ONNX copy with 1001
 * outputs and its Hugging Face copy with 1000 compare class by class. Pure, both threads.
 */
import { isImageNetCount } from '@/shared/models/catalog';

/** Output row → probabilities by Keras class index (ImageNet models), or the row as it is (a model of its own classes). */
export function kerasOrdered(row: ArrayLike<number>, classes: number, kerasIndex: readonly number[] | null): number[] {
  if (!isImageNetCount(classes)) return Array.from(row);
  const offset = classes === 1001 ? 1 : 0;
  const out = new Array<number>(1000).fill(0);
  for (let i = 0; i < 1000; i++) out[kerasIndex?.[i] ?? i] = row[i + offset] ?? 0;
  return out;
}

export interface RowAgreement {
  sameTop1: boolean;
  /** The largest difference in any class's probability. */
  maxAbsDelta: number;
}

const argmax = (row: readonly number[]): number => row.reduce((best, p, i) => (p > (row[best] ?? -1) ? i : best), 0);

/** Null when the two cannot be compared class by class (different class sets). */
export function rowAgreement(reference: readonly number[], other: readonly number[]): RowAgreement | null {
  if (reference.length !== other.length || reference.length === 0) return null;
  let maxAbsDelta = 0;
  for (let i = 0; i < reference.length; i++) maxAbsDelta = Math.max(maxAbsDelta, Math.abs((reference[i] ?? 0) - (other[i] ?? 0)));
  return { sameTop1: argmax(reference) === argmax(other), maxAbsDelta };
}
