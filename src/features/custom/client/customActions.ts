/**
 * The user's own model: read and check model.json (from a URL or dropped files), let the user
 * settle what it does not say, remember that choice, and add the model to the picker.
 */
import { useStore, type CustomDraft, type CustomModel } from '@/app/store/index';
import { catalogUrl } from '@/app/store/catalogActions';
import { selectModel } from '@/app/store/actions';
import { customSpec } from '@/features/custom/shared/customSpec';
import {
  initialSettings,
  readSettings,
  settingsKey,
  validSettings,
  writeSettings,
  type CustomSettings,
  type CustomSource,
} from '@/features/custom/shared/customSettings';
import { classifierFacts, fetchModelJson, parseModelUrl, pickModelFiles } from '@/shared/models/modelSource';
import { pickRuntimeModelFiles, type PickedRuntimeModel } from '@/shared/models/runtimeDrop';
import { HUB_HOST, hubModel, isHubRepoId, runtimeFileUrl, type RemoteRuntimeModel } from '@/shared/models/hubSource';
import { refuseUnlistedOrigin } from '@/browser/connectPolicy';
import { specFromCatalog } from '@/shared/models/modelSpec';
import type { ModelJsonFacts } from '@/shared/models/modelJson';
import type { ClassCount } from '@/shared/models/catalog';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled by the browser: settings are then not remembered
  }
}

function draftFrom(
  source: CustomSource,
  facts: ModelJsonFacts,
  rest: Pick<CustomDraft, 'name' | 'modelUrl' | 'files' | 'labelsFile' | 'ignored' | 'diskBytes' | 'notes' | 'labelsUrl'>,
): CustomDraft {
  const store = storage();
  const remembered = store ? readSettings(store, settingsKey(source)) : null;
  const { settings, stated } = initialSettings(facts, remembered);
  return { source, facts, settings, stated, remembered: remembered !== null, ...rest };
}

/** An ONNX or TFLite drop: its own files' preprocessing wins over the remembered choice, which wins over the format's default. */
function runtimeDraft(picked: PickedRuntimeModel): CustomDraft {
  const { model, labels } = picked;
  const draft = draftFrom({ kind: 'files', modelJsonName: model.name, modelJsonSize: model.size }, picked.facts, {
    name: `Dropped ${model.name}`,
    modelUrl: `dropped:${model.name}`,
    files: [model],
    ...(labels ? { labelsFile: labels } : {}),
    ignored: picked.ignored,
    diskBytes: model.size + (labels?.size ?? 0),
    notes: picked.notes,
  });
  const fromFiles = picked.notes.some((n) => n.startsWith('preprocessor_config.json'));
  const preprocessing = (fromFiles || !draft.remembered ? picked.preprocessing : null) ?? draft.settings.preprocessing;
  return { ...draft, settings: { ...draft.settings, preprocessing } };
}

async function reading(work: () => Promise<CustomDraft>): Promise<void> {
  useStore.setState({ customStatus: 'reading', customError: null, customDraft: null });
  try {
    useStore.setState({ customDraft: await work(), customStatus: 'idle' });
  } catch (error) {
    useStore.setState({ customError: message(error), customStatus: 'idle' });
  }
}

/** The Hub's host: huggingface.co, or `?hub=<origin>` (a test hook: a local server laid out like the Hub). */
function hubHost(): string {
  const param = new URLSearchParams(window.location.search).get('hub');
  return param && /^https?:\/\/[^/]+$/.test(param) ? param : HUB_HOST;
}

async function fetchJson(url: string): Promise<unknown> {
  refuseUnlistedOrigin(new URL(url));
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`could not reach ${url} (${message(error)})`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json() as Promise<unknown>;
}

/** A Hub repository or an .onnx/.tflite URL: the worker fetches the model itself, through its cache. */
function remoteDraft(remote: RemoteRuntimeModel): CustomDraft {
  const draft = draftFrom({ kind: 'url', url: remote.modelUrl }, remote.facts, {
    name: remote.name,
    modelUrl: remote.modelUrl,
    ignored: [],
    diskBytes: 0,
    notes: remote.notes,
    ...(remote.labelsUrl ? { labelsUrl: remote.labelsUrl } : {}),
  });
  const fromFiles = remote.notes.some((n) => n.startsWith('preprocessor_config.json:'));
  const preprocessing = (fromFiles || !draft.remembered ? remote.preprocessing : null) ?? draft.settings.preprocessing;
  return { ...draft, settings: { ...draft.settings, preprocessing } };
}

/** `org/name`, not a relative address of a file (`models/model.json`). */
const looksLikeHubId = (text: string): boolean => isHubRepoId(text) && !/\.(json|onnx|tflite)$/i.test(text);

export function readModelUrl(text: string): Promise<void> {
  return reading(async () => {
    const trimmed = text.trim();
    if (looksLikeHubId(trimmed)) return remoteDraft(await hubModel(trimmed, fetchJson, hubHost()));
    const remote = runtimeFileUrl(trimmed, document.baseURI);
    if (remote) {
      refuseUnlistedOrigin(new URL(remote.modelUrl));
      return remoteDraft(remote);
    }
    const url = parseModelUrl(text, document.baseURI);
    refuseUnlistedOrigin(url); // an origin the site's policy refuses: say so rather than let the browser fail the fetch
    const facts = classifierFacts(await fetchModelJson(url));
    const folder = url.pathname.split('/').slice(0, -1).filter(Boolean).at(-1);
    return draftFrom({ kind: 'url', url: url.href }, facts, {
      name: `${url.host}${folder ? ` · ${folder}` : ''}`,
      modelUrl: url.href,
      ignored: [],
      diskBytes: facts.weightBytes,
    });
  });
}

export function readModelFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return Promise.resolve();
  return reading(async () => {
    const runtime = await pickRuntimeModelFiles(files);
    if (runtime) return runtimeDraft(runtime);
    const picked = await pickModelFiles(files);
    const { modelJson, shards, labels } = picked;
    const used = [modelJson, ...shards, ...(labels ? [labels] : [])];
    return draftFrom({ kind: 'files', modelJsonName: modelJson.name, modelJsonSize: modelJson.size }, picked.facts, {
      name: `Dropped ${modelJson.name} (${shards.length} shard${shards.length === 1 ? '' : 's'})`,
      modelUrl: `dropped:${modelJson.name}`,
      files: [modelJson, ...shards],
      ...(labels ? { labelsFile: labels } : {}),
      ignored: picked.ignored,
      diskBytes: used.reduce((sum, f) => sum + f.size, 0),
    });
  });
}

export function updateDraft(patch: Partial<CustomSettings> & { name?: string }): void {
  useStore.setState((s) => {
    if (!s.customDraft) return {};
    const { name, ...settings } = patch;
    return { customDraft: { ...s.customDraft, name: name ?? s.customDraft.name, settings: { ...s.customDraft.settings, ...settings } } };
  });
}

export function discardDraft(): void {
  useStore.setState({ customDraft: null, customError: null });
}

/**
 * ImageNet names from an installed catalog model in Keras order, for a user model without labels.
 * Its class count must fit: 1000 names serve a 1001-class model too (background is added), but a
 * 1001-name file cannot serve a 1000-class model.
 */
function fallbackLabelsUrl(classes: ClassCount): string | null {
  const { catalog, installed } = useStore.getState();
  const keras = catalog?.models.filter((m) => m.labelOrder === 'keras' && installed[m.id]) ?? [];
  const model = keras.find((m) => m.classes === classes) ?? (classes === 1001 ? keras.find((m) => m.classes === 1000) : undefined);
  return model ? specFromCatalog(model, catalogUrl()).labelsUrl : null;
}

/** Adds the draft to the picker (replacing the same source's earlier entry) and selects it. */
export async function addDraftModel(): Promise<void> {
  const draft = useStore.getState().customDraft;
  if (!draft) return;
  const invalid = validSettings(draft.settings);
  if (invalid) {
    useStore.setState({ customError: invalid });
    return;
  }
  const store = storage();
  if (store) writeSettings(store, settingsKey(draft.source), draft.settings);
  const sourceKey = settingsKey(draft.source);
  const spec = customSpec({
    sourceKey,
    name: draft.name,
    facts: draft.facts,
    settings: draft.settings,
    modelUrl: draft.modelUrl,
    ...(draft.files ? { files: draft.files } : {}),
    ...(draft.labelsFile ? { labelsFile: draft.labelsFile } : {}),
    labelsUrl: draft.labelsUrl ?? fallbackLabelsUrl(draft.settings.classes),
  });
  const model: CustomModel = {
    id: spec.id,
    name: draft.name,
    source: draft.source,
    spec,
    facts: draft.facts,
    settings: draft.settings,
    diskBytes: draft.diskBytes,
    labelsName: draft.labelsFile?.name ?? null,
  };
  useStore.setState((s) => ({ customModels: [...s.customModels.filter((m) => m.id !== model.id), model], customDraft: null, customError: null }));
  await selectModel(model.id);
}

export async function removeCustomModel(id: string): Promise<void> {
  const { selectedModel, catalog } = useStore.getState();
  useStore.setState((s) => ({ customModels: s.customModels.filter((m) => m.id !== id) }));
  if (selectedModel === id) await selectModel(catalog?.defaultModel ?? null);
}
