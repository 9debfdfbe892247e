/**
 * The page's side of Evaluate's class space: each model's names in Keras order (from its own
 * labels file) and ImageNet's synset ids (public/models/imagenet-synsets.json), fetched once each.
 */
import { catalogUrl } from '@/app/store/catalogActions';
import type { ModelSpec } from '@/engine/shared/types';
import { kerasOrderNames, parseSynsets } from '@/features/evaluate/shared/modelClasses';

export interface ModelClasses {
  names: string[];
  synsets: string[];
}

let synsets: Promise<string[]> | null = null;
const names = new Map<string, Promise<string[]>>();

async function fetchText(url: string, what: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} (${url}) answered HTTP ${response.status}`);
  return response.text();
}

function loadSynsets(): Promise<string[]> {
  synsets ??= fetchText(new URL('imagenet-synsets.json', catalogUrl()).href, 'the ImageNet synset list').then((text) => parseSynsets(JSON.parse(text)));
  // A failure is not kept: the next evaluation asks again.
  synsets.catch(() => (synsets = null));
  return synsets;
}

function loadNames(spec: ModelSpec): Promise<string[]> {
  const known = names.get(spec.key);
  if (known) return known;
  const labelsUrl = spec.labelsUrl;
  const loaded = labelsUrl
    ? fetchText(labelsUrl, `${spec.name}'s labels`).then((text) => kerasOrderNames(text, spec))
    : Promise.reject(new Error(`${spec.name} has no labels file to map the folder's classes to`));
  names.set(spec.key, loaded);
  loaded.catch(() => names.delete(spec.key));
  return loaded;
}

/** The model's class names (Keras order) and ImageNet's synsets, for mapping a folder's labels. */
export async function modelClasses(spec: ModelSpec): Promise<ModelClasses> {
  const [classNames, ids] = await Promise.all([loadNames(spec), loadSynsets()]);
  return { names: classNames, synsets: ids };
}
