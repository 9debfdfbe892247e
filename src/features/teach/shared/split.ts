/**
 * The deterministic train/test split shared by the Teach view and `npm run teach`: each class's
 * files sorted by name, then spread so that a `testFraction` share goes to test, evenly along the
 * sorted list (0.5 alternates: train, test, train, test…). No randomness: the same folder always
 * gives the same split.
 */

export interface SplitItem<T> {
  item: T;
  classIndex: number;
}

export interface Split<T> {
  train: SplitItem<T>[];
  test: SplitItem<T>[];
}

/** Is position `i` (0-based, in name order) a test item for this fraction? */
export function isTestPosition(i: number, testFraction: number): boolean {
  const f = Math.min(1, Math.max(0, testFraction));
  return Math.floor((i + 1) * f + 1e-9) > Math.floor(i * f + 1e-9);
}

/** Splits every class's items (named by `nameOf`) into train and test. */
export function splitByName<T>(classes: readonly (readonly T[])[], nameOf: (item: T) => string, testFraction: number): Split<T> {
  const train: SplitItem<T>[] = [];
  const test: SplitItem<T>[] = [];
  classes.forEach((items, classIndex) => {
    const sorted = [...items].sort((a, b) => {
      const x = nameOf(a);
      const y = nameOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    sorted.forEach((item, i) => (isTestPosition(i, testFraction) ? test : train).push({ item, classIndex }));
  });
  return { train, test };
}
