/**
 * What an evaluation runs, worked out before any image is sent: which images are scored against
 * which class (the folder's labels mapped to the model's classes), which are not and why, and the
 * passes over them (clean, then each corruption × severity). Shared by the Evaluate view and
 * `npm run eval -- --data`, so both score the same images the same way.
 */
import type { LabelledImage } from './folderLayout';
import { mapLabelsToClasses } from './labelMapping';
import type { CorruptionKind } from './corruptions';
import type { CorruptionSpec } from './corruptModelInput';

/** The seed every corruption pass uses; each image mixes in its path (corruptModelInput.imageSeed). Fixed, so runs repeat. */
export const CORRUPTION_SEED = 2019;

export interface ScoredImage {
  path: string;
  truth: number;
}

export interface UnmappedGroup {
  /** The label as found (folder name or CSV value); "(no label)" for an image neither names. */
  label: string;
  count: number;
  reason: string;
}

export interface ImagePlan {
  scored: ScoredImage[];
  /** Images not scored: no label, or a label that names no class. */
  unmapped: number;
  unmappedGroups: UnmappedGroup[];
}

export const NO_LABEL = '(no label)';

/** Maps each labelled image to a class of `classNames` (with `synsets` in the same order, if known). */
export function planImages(images: readonly LabelledImage[], classNames: readonly string[], synsets: readonly string[] | undefined): ImagePlan {
  const labels = images.flatMap((image) => (image.label === null ? [] : [image.label]));
  const { mapped, unmapped } = mapLabelsToClasses(classNames, synsets, labels);
  const reasons = new Map(unmapped.map((u) => [u.label, u.reason]));
  const scored: ScoredImage[] = [];
  const groups = new Map<string, UnmappedGroup>();
  for (const { path, label } of images) {
    const truth = label === null ? undefined : mapped.get(label);
    if (truth !== undefined) {
      scored.push({ path, truth });
      continue;
    }
    const key = label ?? NO_LABEL;
    const group = groups.get(key) ?? {
      label: key,
      count: 0,
      reason: label === null ? 'no sub-folder or CSV row names its class' : (reasons.get(label) ?? 'not mapped'),
    };
    group.count++;
    groups.set(key, group);
  }
  const unmappedGroups = [...groups.values()];
  return { scored, unmapped: unmappedGroups.reduce((sum, g) => sum + g.count, 0), unmappedGroups };
}

/** name → count, the `unmappedFolders` of the JSON report. */
export function unmappedFolders(groups: readonly UnmappedGroup[]): Record<string, number> {
  return Object.fromEntries(groups.map((g) => [g.label, g.count]));
}

/** One pass over the images: clean (no corruption), or one kind at one severity. */
export type EvaluatePass = { kind: 'clean' } | { kind: 'corrupted'; corruption: CorruptionSpec };

/** The clean pass first (every figure is relative to it), then each kind at each severity, in the order given. */
export function plannedPasses(kinds: readonly CorruptionKind[], severities: readonly number[]): EvaluatePass[] {
  const passes: EvaluatePass[] = [{ kind: 'clean' }];
  for (const kind of kinds) for (const severity of severities) passes.push({ kind: 'corrupted', corruption: { kind, severity, seed: CORRUPTION_SEED } });
  return passes;
}
