/**
 * A model's labels: a dropped labels file, the catalog's labels URL, or numbered classes when there
 * is none. Text as JSON (an array, an index → name object, or a Hugging Face config.json's
 * `id2label`) or one name a line.
 */
import { normalizeLabels, parseLabelsText } from '@/shared/models/topk';
import { LumenError } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';

/** A Hugging Face config.json holds its labels under `id2label`. */
function labelsPart(parsed: unknown): unknown {
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'id2label' in parsed ? parsed.id2label : parsed;
}

/** Labels text (JSON array or index → name object, or one name a line) → one name per output. */
function labelsFromText(spec: ModelSpec, text: string, source: string): string[] {
  try {
    return normalizeLabels(labelsPart(parseLabelsText(text)), spec.classes);
  } catch (error) {
    throw new LumenError('model-invalid', `${spec.name}: ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function fetchLabels(spec: ModelSpec, fetchFn: typeof fetch): Promise<string[]> {
  if (spec.labelsFile) return labelsFromText(spec, await spec.labelsFile.text(), spec.labelsFile.name);
  if (!spec.labelsUrl) {
    return Array.from({ length: spec.classes }, (_, i) => (spec.classes === 1001 && i === 0 ? 'background' : `class ${i}`));
  }
  const response = await fetchFn(spec.labelsUrl);
  if (!response.ok) throw new LumenError('model-not-found', `${spec.name}: labels file ${spec.labelsUrl} answered HTTP ${response.status}`);
  return labelsFromText(spec, await response.text(), spec.labelsUrl);
}
