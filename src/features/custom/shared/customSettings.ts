/**
 * A user's own model: how to feed it and read it when model.json does not say (input size,
 * preprocessing, output kind, class count). What model.json states wins; for the rest the user's
 * last choice for the same source is remembered in localStorage, keyed by URL or file name.
 */
import { MIN_CLASSES, PREPROCESSING_MODES, type ClassCount, type OutputKind, type PreprocessingMode } from '@/shared/models/catalog';
import type { ModelJsonFacts } from '@/shared/models/modelJson';

export interface CustomSettings {
  /** [height, width] */
  inputSize: [number, number];
  preprocessing: PreprocessingMode;
  output: OutputKind;
  classes: ClassCount;
}

export type CustomSource =
  | { kind: 'url'; url: string }
  /** Dropped files carry no folder; the size tells two "model.json" files apart. */
  | { kind: 'files'; modelJsonName: string; modelJsonSize: number };

/** Which settings model.json itself decides (the form shows them as read, not as a guess). */
export interface StatedByModel {
  inputSize: boolean;
  output: boolean;
  classes: boolean;
}

/** The part of localStorage used here (a type of our own: the worker's lib has no Storage). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const DEFAULT_SETTINGS: CustomSettings = { inputSize: [224, 224], preprocessing: 'tf', output: 'softmax', classes: 1000 };

export function settingsKey(source: CustomSource): string {
  return source.kind === 'url' ? `lumen.custom-model:${source.url}` : `lumen.custom-model:file:${source.modelJsonName}:${source.modelJsonSize}`;
}

const isClassCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= MIN_CLASSES && (v as number) <= 100_000;
const isSize = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 8 && (v as number) <= 4096;

/** The remembered settings, or null when absent or not valid any more (never throws). */
export function readSettings(storage: Pick<KeyValueStore, 'getItem'>, key: string): CustomSettings | null {
  try {
    const raw: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const s = raw as Record<string, unknown>;
    const size = s['inputSize'];
    const [h, w] = Array.isArray(size) && size.length === 2 ? size : [];
    if (!isSize(h) || !isSize(w)) return null;
    if (!PREPROCESSING_MODES.includes(s['preprocessing'] as PreprocessingMode)) return null;
    if (s['output'] !== 'softmax' && s['output'] !== 'logits') return null;
    if (!isClassCount(s['classes'])) return null;
    return { inputSize: [h, w], preprocessing: s['preprocessing'] as PreprocessingMode, output: s['output'], classes: s['classes'] };
  } catch {
    return null;
  }
}

export function writeSettings(storage: Pick<KeyValueStore, 'setItem'>, key: string, settings: CustomSettings): void {
  try {
    storage.setItem(key, JSON.stringify(settings));
  } catch {
    // Storage full or disabled (private mode): the model still works, it just is not remembered.
  }
}

export function validSettings(settings: CustomSettings): string | null {
  if (!settings.inputSize.every(isSize)) return 'Input height and width must be whole numbers from 8 to 4096.';
  return null;
}

/** Settings for the form: model.json's facts first, then the remembered choice, then defaults. */
export function initialSettings(facts: ModelJsonFacts, remembered: CustomSettings | null): { settings: CustomSettings; stated: StatedByModel } {
  const base = remembered ?? DEFAULT_SETTINGS;
  // [N, H, W, C], or [N, C, H, W] for an NCHW ONNX model.
  const [, h, w] = facts.inputLayout === 'nchw' ? (facts.inputShape ?? []).slice(1) : (facts.inputShape ?? []);
  const sizeStated = isSize(h) && isSize(w);
  const classesStated = facts.classesFrom === 'model' && isClassCount(facts.classes);
  const readClasses: ClassCount | null = isClassCount(facts.classes) ? facts.classes : null;
  // A class count stated by model.json is certain; a guessed one only beats the defaults.
  const classes = classesStated || !remembered ? (readClasses ?? base.classes) : remembered.classes;
  return {
    settings: {
      inputSize: sizeStated ? [h, w] : base.inputSize,
      preprocessing: base.preprocessing,
      output: facts.outputKind ?? base.output,
      classes,
    },
    stated: { inputSize: sizeStated, output: facts.outputKind !== null, classes: classesStated },
  };
}
