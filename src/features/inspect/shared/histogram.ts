/** Counting helpers for the model inspector: a type histogram and the two ends of a long list. */
import type { TypeCount } from './messages';

/** How often each type occurs, most frequent first; ties in alphabetical order so output is stable. */
export function typeHistogram(types: readonly string[]): TypeCount[] {
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/**
 * The first `n` and last `n` items, never overlapping: a list of 2n items or fewer comes back
 * whole in `first` with `last` empty, so nothing is shown twice.
 */
export function headAndTail<T>(items: readonly T[], n: number): { first: T[]; last: T[] } {
  const size = Math.max(0, Math.floor(n));
  if (items.length <= 2 * size) return { first: [...items], last: [] };
  return { first: items.slice(0, size), last: items.slice(items.length - size) };
}

/** Product of a shape's dimensions (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, d) => product * d, 1);
}
