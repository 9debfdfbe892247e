/**
 * Labels files for models of any class count (a 965-class bird model as much as ImageNet's 1000 or
 * 1001): a JSON array, a JSON {"0": "tench", …} object, or a .txt with one name per line. topk.ts's
 * normalizeLabels does this for the two ImageNet counts only (its ClassCount type); this is the
 * general form, in the same label style (readableLabel) and with the same background rule.
 */
import { readableLabel } from './topk';

/**
 * A labels file's text → names in output order. Text: one name per line, each trimmed, trailing
 * empty lines dropped; an empty line inside the file stays an (empty) entry so later names keep
 * their index (topk.ts's parseLabelsText drops it, which shifts them).
 */
export function readLabelsText(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return labelsFromJson(JSON.parse(trimmed) as unknown);
  const lines = body.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A parsed labels JSON (array, or index → name object with every key 0..n−1) → names in order. */
export function labelsFromJson(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'object' || raw === null) throw new Error('labels file must be a JSON array, an index → name object, or one name per line');
  return labelsFromIndexObject(raw as Record<string, unknown>, 'labels file');
}

/** {"0": "tench", "1": …} → names; every key must be a whole index and 0..n−1 all present. */
export function labelsFromIndexObject(object: Record<string, unknown>, where: string): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const index = Number(key);
    if (!/^\d+$/.test(key) || !Number.isSafeInteger(index)) throw new Error(`${where}: key "${key}" is not a class index`);
    names[index] = String(value);
  }
  const missing = Array.from({ length: names.length }, (_, i) => i).filter((i) => names[i] === undefined);
  if (missing.length > 0) throw new Error(`${where}: no name for class ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  return names;
}

/**
 * Why `labelCount` names cannot label an output of `outputWidth` classes, or null when they can
 * (equal counts, one more name when the first is "background", or ImageNet's 1000 names for 1001 outputs).
 */
export function labelCountProblem(outputWidth: number, labels: readonly string[]): string | null {
  if (labels.length === outputWidth) return null;
  const background = labels[0]?.trim().toLowerCase() === 'background';
  if (labels.length === outputWidth + 1 && background) return null;
  // Only ImageNet's TF-slim layout is known to put an unlabelled background first; elsewhere one name short is a wrong file.
  if (labels.length + 1 === outputWidth && outputWidth === 1001 && !background) return null;
  return `the labels file has ${labels.length} names but the model outputs ${outputWidth} classes`;
}

/**
 * Names for each of a model's `outputWidth` outputs, in one style (readableLabel); empty names
 * become "class i". As for ImageNet: a 1001-line file that starts with "background" labels a
 * 1000-class model without it (any count: a first "background" name is dropped when the model has
 * one output fewer), and 1000 names label a 1001-output model behind a "background" entry.
 */
export function labelsForOutput(labels: readonly string[], outputWidth: number): string[] {
  const problem = labelCountProblem(outputWidth, labels);
  if (problem) throw new Error(problem);
  let names = [...labels];
  if (names.length === outputWidth + 1) names = names.slice(1);
  else if (names.length + 1 === outputWidth) names = ['background', ...names];
  return names.map((name, i) => readableLabel(name) || `class ${i}`);
}
