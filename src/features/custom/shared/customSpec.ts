/** A user's own model as a worker-ready ModelSpec (a URL or dropped files, plus the user's settings). */
import type { CenterCrop, ModelSpec } from '@/engine/shared/types';
import type { CustomSettings } from './customSettings';
import type { ModelJsonFacts } from '@/shared/models/modelJson';

/** Ids of user models start with this, so no catalog id (lowercase, no such prefix in use) collides. */
export const CUSTOM_ID_PREFIX = 'custom-';

export function isCustomId(id: string): boolean {
  return id.startsWith(CUSTOM_ID_PREFIX);
}

/** FNV-1a, 32 bit: a short stable id for a source; not for security. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface CustomModelInput {
  /** Stable per source: the same URL or file gives the same id. */
  sourceKey: string;
  name: string;
  facts: ModelJsonFacts;
  settings: CustomSettings;
  modelUrl: string;
  files?: File[];
  labelsFile?: File;
  /** Fallback labels (an installed catalog model's ImageNet names) when the user gave none. */
  labelsUrl: string | null;
  /** The model's own shortest-edge resize and centre crop (a Hugging Face preprocessor_config.json). */
  centerCrop?: CenterCrop;
}

export function customSpec(input: CustomModelInput): ModelSpec {
  const { settings } = input;
  const id = `${CUSTOM_ID_PREFIX}${shortHash(input.sourceKey)}`;
  const spec: ModelSpec = {
    // Settings are part of the key: changing them must load a fresh model in the worker.
    key: `${id}@${settings.inputSize.join('x')}-${settings.preprocessing}-${settings.output}-${settings.classes}${input.centerCrop ? `-crop${input.centerCrop.shortestEdge}` : ''}`,
    id,
    name: input.name,
    format: input.facts.format,
    modelUrl: input.modelUrl,
    labelsUrl: input.labelsFile ? null : input.labelsUrl,
    inputSize: settings.inputSize,
    preprocessing: settings.preprocessing,
    output: settings.output,
    classes: settings.classes,
    labelOrder: 'keras',
    kerasIndex: null,
  };
  if (input.files) spec.files = input.files;
  if (input.labelsFile) spec.labelsFile = input.labelsFile;
  if (input.centerCrop) spec.centerCrop = input.centerCrop;
  return spec;
}
