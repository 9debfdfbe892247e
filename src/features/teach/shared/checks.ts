/**
 * What must hold before a head can be taught, as messages a person can act on: at least two
 * classes, every class with enough images, and no unnamed or duplicate classes.
 */
import { MIN_IMAGES_PER_CLASS } from './teach';

export interface ClassCount {
  name: string;
  /** Images available for training (after any split). */
  count: number;
}

/** The first problem, or null when a head can be taught. */
export function teachProblem(classes: readonly ClassCount[], minimum = MIN_IMAGES_PER_CLASS): string | null {
  if (classes.length === 0 || classes.every((c) => c.count === 0)) return 'There are no images to learn from: add at least two classes with images.';
  if (classes.length === 1) return `Only one class ("${classes[0]?.name}"): a model needs at least two classes to tell apart. Add another class.`;
  const unnamed = classes.findIndex((c) => c.name.trim() === '');
  if (unnamed >= 0) return `Class ${unnamed + 1} has no name: give every class a name.`;
  const names = classes.map((c) => c.name.trim());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) return `Two classes are called "${duplicate}": give each class its own name.`;
  const few = classes.filter((c) => c.count < minimum);
  if (few.length > 0) {
    const list = few.map((c) => `"${c.name}" has ${c.count}`).join(', ');
    return `Too few images to learn from: ${list}; each class needs at least ${minimum} for training.`;
  }
  return null;
}
