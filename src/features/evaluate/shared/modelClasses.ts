/**
 * The class space Evaluate scores in: ImageNet's 1000 classes in Keras order (sorted synset ids),
 * which is the `classIndex` every ImageNet catalog model reports whatever its own output order
 * (1001 with background, a kerasIndex map). A folder's labels are mapped against these names and
 * synsets, so one mapping serves every ImageNet model and their figures compare class by class.
 */
import { isImageNetCount, type ClassCount } from '@/shared/models/catalog';
import { kerasIndexOf, normalizeLabels, parseLabelsText } from '@/shared/models/topk';

/** ImageNet's class count in Keras order. */
export const KERAS_CLASSES = 1000;

/** The model's labels file (its own output order) → names in Keras order; a class no output names stays "class i". */
export function kerasOrderNames(labelsText: string, layout: { classes: ClassCount; kerasIndex: readonly number[] | null }): string[] {
  if (!isImageNetCount(layout.classes)) throw new Error(`Evaluate scores ImageNet models; this one has ${layout.classes} classes`);
  const parsed = parseLabelsText(labelsText);
  // A Hugging Face config.json holds its names under id2label (as the worker reads it, engine/worker/labels.ts).
  const raw = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'id2label' in parsed ? parsed.id2label : parsed;
  const names = normalizeLabels(raw, layout.classes);
  const keras = Array.from({ length: KERAS_CLASSES }, (_, i) => `class ${i}`);
  names.forEach((name, outputIndex) => {
    const index = kerasIndexOf(outputIndex, layout);
    if (index !== null && index >= 0 && index < KERAS_CLASSES) keras[index] = name;
  });
  return keras;
}

/** public/models/imagenet-synsets.json: the 1000 synset ids in Keras order; checked, since a wrong list maps every folder wrong. */
export function parseSynsets(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length !== KERAS_CLASSES || !raw.every((s) => typeof s === 'string' && /^n\d{8}$/.test(s))) {
    throw new Error(`the synset list must be ${KERAS_CLASSES} ids like "n01440764"`);
  }
  const ids = raw as string[];
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] ?? '') >= (ids[i] ?? '')) throw new Error(`the synset list is not in sorted (Keras) order at ${i}`);
  return ids;
}
