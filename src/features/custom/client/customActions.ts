/**
 * The user's own model: read and check model.json (from a URL or dropped files), let the user
 * settle what it does not say, remember that choice, and add the model to the picker.
 */
import { useStore, type CustomDraft, type CustomModel } from '@/app/store/index';
import { catalogUrl } from '@/app/store/catalogActions';
import { selectModel } from '@/app/store/actions';
import { customSpec } from '@/features/custom/shared/customSpec';
import { settingsKey, validSettings, writeSettings, type CustomSettings } from '@/features/custom/shared/customSettings';
import { classifierFacts, fetchModelJson, parseModelUrl, pickModelFiles } from '@/shared/models/modelSource';
import { pickRuntimeModelFiles } from '@/shared/models/runtimeDrop';
import type { HfOnnxDtype } from '@/shared/models/hfLayout';
import { hubModel, runtimeFileUrl } from '@/shared/models/hubSource';
import { draftFrom, fetchJson, hubHost, looksLikeHubId, message, remoteDraft, runtimeDraft, storage } from './customDrafts';
import { refuseUnlistedOrigin } from '@/browser/connectPolicy';
import { specFromCatalog } from '@/shared/models/modelSpec';
import type { ClassCount } from '@/shared/models/catalog';

async function reading(work: () => Promise<CustomDraft>): Promise<void> {
  useStore.setState({ customStatus: 'reading', customError: null, customDraft: null });
  try {
    useStore.setState({ customDraft: await work(), customStatus: 'idle' });
  } catch (error) {
    useStore.setState({ customError: message(error), customStatus: 'idle' });
  }
}

export function readModelUrl(text: string): Promise<void> {
  return reading(async () => {
    const trimmed = text.trim();
    if (looksLikeHubId(trimmed)) return remoteDraft(await hubModel(trimmed, fetchJson, hubHost()), trimmed);
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

export function readModelFiles(files: readonly File[], dtype: HfOnnxDtype | null = null): Promise<void> {
  if (files.length === 0) return Promise.resolve();
  return reading(async () => {
    const runtime = await pickRuntimeModelFiles(files, dtype);
    if (runtime) return runtimeDraft(runtime, files);
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

/**
 * A Hugging Face folder's or Hub repository's other weights (model_fp16.onnx, model_quantized.onnx…):
 * the drop, or the repository, is read again with that file.
 */
export function chooseDraftDtype(dtype: HfOnnxDtype): Promise<void> {
  const draft = useStore.getState().customDraft;
  if (draft?.hubId) {
    const hubId = draft.hubId;
    return reading(async () => remoteDraft(await hubModel(hubId, fetchJson, hubHost(), dtype), hubId));
  }
  return draft?.dropped ? readModelFiles(draft.dropped, dtype) : Promise.resolve();
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
    ...(draft.centerCrop ? { centerCrop: draft.centerCrop } : {}),
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
