/**
 * Empirical check of a non-Keras label order's map to Keras indices (Darknet's `kerasIndex`).
 * The map was built by matching names; names that occur twice ("crane": bird and machine,
 * "maillot": two swimsuit synsets) had to be assigned by order of occurrence. Here the images of
 * those Keras classes decide: on the bird crane's image, the output mapped to the bird must win.
 */
import type { EvalImage } from './evalData';
import type { ImageOutcome } from './evalScore';

export interface AmbiguousName {
  name: string;
  /** Output indices carrying this name, in output order. */
  outputs: number[];
  /** The Keras index each of those outputs is mapped to (same order). */
  kerasIndices: number[];
}

/** Names that label more than one output. */
export function ambiguousNames(labels: readonly string[], kerasIndex: readonly number[]): AmbiguousName[] {
  const byName = new Map<string, number[]>();
  labels.forEach((label, output) => {
    const key = label.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), output]);
  });
  return [...byName.entries()]
    .filter(([, outputs]) => outputs.length > 1)
    .map(([name, outputs]) => ({ name, outputs, kerasIndices: outputs.map((o) => kerasIndex[o] ?? -1) }));
}

export type MapVerdict = 'consistent' | 'swapped' | 'unclear';

export interface MapEvidence {
  name: string;
  ambiguous: AmbiguousName;
  /** One row per image of a candidate class: its probability on each candidate (kerasIndices order). */
  rows: { file: string; label: number; probabilities: number[] }[];
  verdict: MapVerdict;
}

/**
 * For each ambiguous name: among the candidate Keras classes, does each image's own class get the
 * highest probability (consistent), does every image prefer a different candidate (swapped), or
 * is the evidence mixed or missing (unclear)?
 */
export function checkLabelMap(ambiguous: readonly AmbiguousName[], images: readonly EvalImage[], outcomes: readonly ImageOutcome[]): MapEvidence[] {
  return ambiguous.map((amb) => {
    const rows: MapEvidence['rows'] = [];
    images.forEach((image, i) => {
      const o = outcomes[i];
      if (image.label === null || !amb.kerasIndices.includes(image.label) || !o?.ok) return;
      rows.push({ file: image.file, label: image.label, probabilities: amb.kerasIndices.map((k) => o.probabilities[k] ?? 0) });
    });
    const winners = rows.map((r) => amb.kerasIndices[r.probabilities.indexOf(Math.max(...r.probabilities))]);
    let verdict: MapVerdict = 'unclear';
    if (rows.length >= 2 && rows.every((r, i) => winners[i] === r.label)) verdict = 'consistent';
    else if (rows.length >= 2 && rows.every((r, i) => winners[i] !== r.label)) verdict = 'swapped';
    return { name: amb.name, ambiguous: amb, rows, verdict };
  });
}

export function labelMapLines(evidence: readonly MapEvidence[]): string[] {
  return evidence.flatMap((e) => {
    const head = `label map '${e.name}': outputs ${e.ambiguous.outputs.join(', ')} → Keras ${e.ambiguous.kerasIndices.join(', ')}: ${e.verdict.toUpperCase()}`;
    const rows = e.rows.map(
      (r) => `  ${r.file} (Keras ${r.label}): ${e.ambiguous.kerasIndices.map((k, i) => `p(${k})=${(r.probabilities[i] ?? 0).toFixed(4)}`).join(' ')}`,
    );
    return [head, ...(rows.length ? rows : ['  no image of these classes in this run'])];
  });
}
