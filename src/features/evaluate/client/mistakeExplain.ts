/**
 * The mistakes gallery's side of Explain: an image of the run's folder explained with the entry's
 * own model (not the model bar's), through explain's explainImage, so it runs in the engine worker
 * as every explanation does and is kept in the same slice, under a key of its own.
 */
import { useStore } from '@/app/store/index';
import { isAvailable, specFor } from '@/app/store/modelRegistry';
import { explainImage } from '@/features/explain/client/explainActions';
import type { ExplainMethod } from '@/features/explain/shared/messages';
import type { EntryDocument, MistakeDocument } from '@/features/evaluate/shared/evaluateJson';
import { isWeightsName } from '@/shared/weights/names';

/** Which class's evidence to show: the one the model wrongly chose, or the one it should have. */
export type MistakeClass = 'predicted' | 'truth';

/** The explanations slice's key for one mistake of one entry: apart from every result card's. */
export const mistakeKey = (entry: string, file: string): string => `evaluate:${entry}\u0000${file}`;

/**
 * The image behind a mistake: the chosen folder still holds its File while the page lives. A run
 * restored or imported without its folder has none, and neither does one whose folder was replaced.
 */
export function mistakeFile(path: string): File | null {
  return useStore.getState().evaluateFolder?.files.get(path) ?? null;
}

/** Why a mistake cannot be explained here; null when it can. */
export function cannotExplain(entry: EntryDocument, path: string): string | null {
  if (!mistakeFile(path)) return 'The image is not loaded: choose its folder again to explain it.';
  if (!isAvailable(entry.model)) return `${entry.model} is not installed here.`;
  return null;
}

export async function explainMistake(entry: EntryDocument, mistake: MistakeDocument, which: MistakeClass, method?: ExplainMethod | 'auto'): Promise<void> {
  const file = mistakeFile(mistake.file);
  const spec = isAvailable(entry.model) ? specFor(entry.model, isWeightsName(entry.weights) ? entry.weights : 'float32') : null;
  if (!file || !spec) return;
  const target =
    which === 'predicted' ? { classIndex: mistake.predicted, label: mistake.predictedName } : { classIndex: mistake.truth, label: mistake.truthName };
  await explainImage({ key: mistakeKey(entry.entry, mistake.file), file, name: mistake.file, spec }, target, method);
}
