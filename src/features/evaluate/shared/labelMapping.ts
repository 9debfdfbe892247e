/**
 * Turns the labels a person's folder uses (sub-folder names or a CSV's label column) into the
 * model's class indices, so a folder named "n01440764", "Golden_Retriever" or "207" is scored
 * against the right output. Labels that cannot be placed are listed with a reason a person can act
 * on, rather than guessed: a wrong mapping would silently lower the accuracy.
 */

export interface UnmappedLabel {
  label: string;
  reason: string;
}

export interface LabelMapping {
  /** Folder or CSV label, exactly as found → class index. */
  mapped: Map<string, number>;
  /** In the order the labels were found. */
  unmapped: UnmappedLabel[];
}

/** An ImageNet (WordNet) synset id: "n" and eight digits, as in "n01440764". */
const SYNSET_ID = /^n\d{8}$/i;
const CLASS_INDEX = /^\d+$/;
/** How many candidate classes an "ambiguous" reason names before it says "…". */
const AMBIGUITY_SHOWN = 4;

/**
 * The forgiving form names are compared in: case folded, accents dropped, and everything but
 * letters and digits removed, so "Golden_Retriever", "golden-retriever", "golden  retriever" and
 * "goldenretriever" agree, as do "potter's wheel" and "potters_wheel". Removing (not collapsing)
 * spaces is what lets "tshirt" find "T-shirt".
 */
export function normalizeClassName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

type NameIndex = Map<string, number[]>;

function addName(index: NameIndex, key: string, classIndex: number): void {
  if (key === '') return;
  const classes = index.get(key) ?? [];
  if (!classes.includes(classIndex)) classes.push(classIndex);
  index.set(key, classes);
}

/**
 * Whole labels ("tench, Tinca tinca") and each comma-separated synonym ("tench", "Tinca tinca"),
 * kept apart: a whole-label match is tried first, so a name that is one class's full label is not
 * made ambiguous by being a mere synonym of another.
 */
function buildNameIndexes(modelLabels: readonly string[]): { whole: NameIndex; synonyms: NameIndex } {
  const whole: NameIndex = new Map();
  const synonyms: NameIndex = new Map();
  modelLabels.forEach((label, classIndex) => {
    addName(whole, normalizeClassName(label), classIndex);
    for (const synonym of label.split(',')) addName(synonyms, normalizeClassName(synonym), classIndex);
  });
  return { whole, synonyms };
}

function buildSynsetIndex(synsets: readonly string[] | undefined): Map<string, number> {
  const index = new Map<string, number>();
  // The first occurrence wins: synset lists do not repeat, and a later duplicate cannot be more right.
  synsets?.forEach((id, classIndex) => {
    const key = id.trim().toLowerCase();
    if (!index.has(key)) index.set(key, classIndex);
  });
  return index;
}

function describeClasses(classes: readonly number[], modelLabels: readonly string[]): string {
  const shown = classes.slice(0, AMBIGUITY_SHOWN).map((c) => `${c} (${modelLabels[c] ?? '?'})`);
  return shown.join(', ') + (classes.length > AMBIGUITY_SHOWN ? ', …' : '');
}

type Attempt = { classIndex: number } | { reason: string } | null;

function byName(label: string, indexes: ReturnType<typeof buildNameIndexes>, modelLabels: readonly string[]): Attempt {
  const key = normalizeClassName(label);
  if (key === '') return null;
  for (const index of [indexes.whole, indexes.synonyms]) {
    const classes = index.get(key) ?? [];
    const [only] = classes;
    if (classes.length === 1 && only !== undefined) return { classIndex: only };
    if (classes.length > 1) {
      return { reason: `ambiguous: "${label}" names ${classes.length} classes, ${describeClasses(classes, modelLabels)}; use a synset id or class index` };
    }
  }
  return null;
}

function byIndex(trimmed: string, classCount: number): Attempt {
  if (!CLASS_INDEX.test(trimmed)) return null;
  const classIndex = Number(trimmed);
  if (classIndex < classCount) return { classIndex };
  return { reason: `class index ${classIndex} is out of range: the model has ${classCount} classes (0–${classCount - 1})` };
}

function notFoundReason(label: string, trimmed: string, synsets: readonly string[] | undefined): string {
  if (SYNSET_ID.test(trimmed)) {
    return synsets && synsets.length > 0
      ? `synset ${trimmed} is not one of this model's classes`
      : `${trimmed} looks like a synset id, but this model has no synset list`;
  }
  return `no class is named "${label}", and it is neither a synset id nor a class index`;
}

/**
 * Maps each found label to a class index, trying in order: an ImageNet synset id in `synsets`
 * (index = class index), a forgiving name match (see normalizeClassName; whole label before
 * synonym), then a whole-number class index below modelLabels.length. A name matching several
 * classes is ambiguous and left unmapped rather than guessed, even if it is also a valid index:
 * ImageNet has two "crane"s (bird 134, machine 517) and two "maillot"s.
 */
export function mapLabelsToClasses(modelLabels: readonly string[], synsets: readonly string[] | undefined, found: Iterable<string>): LabelMapping {
  const nameIndexes = buildNameIndexes(modelLabels);
  const synsetIndex = buildSynsetIndex(synsets);
  const mapped = new Map<string, number>();
  const unmapped: UnmappedLabel[] = [];
  const seen = new Set<string>();
  for (const label of found) {
    if (seen.has(label)) continue;
    seen.add(label);
    const trimmed = label.trim();
    if (trimmed === '') {
      unmapped.push({ label, reason: 'the label is empty' });
      continue;
    }
    const synsetMatch = synsetIndex.get(trimmed.toLowerCase());
    const attempt: Attempt =
      synsetMatch !== undefined ? { classIndex: synsetMatch } : (byName(label, nameIndexes, modelLabels) ?? byIndex(trimmed, modelLabels.length));
    if (attempt && 'classIndex' in attempt) mapped.set(label, attempt.classIndex);
    else unmapped.push({ label, reason: attempt?.reason ?? notFoundReason(label, trimmed, synsets) });
  }
  return { mapped, unmapped };
}
