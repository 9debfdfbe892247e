/**
 * Drafts of Your model: a model the person brought, read and waiting for their settings. What its
 * own files say comes first, then the settings remembered for the same source (localStorage),
 * then the defaults. Dropped TF.js files, dropped ONNX/TFLite files, and models by address
 * (a Hub id or a runtime file URL) each make one here.
 */
import type { CustomDraft } from '@/app/store/index';
import { initialSettings, readSettings, settingsKey, type CustomSource } from '@/features/custom/shared/customSettings';
import type { PickedRuntimeModel } from '@/shared/models/runtimeDrop';
import { HUB_HOST, isHubRepoId, type RemoteRuntimeModel } from '@/shared/models/hubSource';
import { refuseUnlistedOrigin } from '@/browser/connectPolicy';
import type { ModelJsonFacts } from '@/shared/models/modelJson';

export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled by the browser: settings are then not remembered
  }
}

export function draftFrom(
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
export function runtimeDraft(picked: PickedRuntimeModel, dropped: readonly File[] = []): CustomDraft {
  const { model, labels } = picked;
  const draft = draftFrom({ kind: 'files', modelJsonName: model.name, modelJsonSize: model.size }, picked.facts, {
    name: `Dropped ${model.name}`,
    modelUrl: `dropped:${model.name}`,
    files: [model],
    ...(labels ? { labelsFile: labels } : {}),
    ignored: picked.ignored,
    diskBytes: model.size + (labels?.size ?? 0),
    notes: picked.notes,
    ...(picked.centerCrop ? { centerCrop: picked.centerCrop } : {}),
    ...(picked.siblings.length > 1 && picked.dtype ? { siblings: picked.siblings, dtype: picked.dtype, dropped: [...dropped] } : {}),
  });
  const preprocessing = (picked.preprocessingFrom === 'file' || !draft.remembered ? picked.preprocessing : null) ?? draft.settings.preprocessing;
  return { ...draft, settings: { ...draft.settings, preprocessing } };
}

/** The Hub's host: huggingface.co, or `?hub=<origin>` (a test hook: a local server laid out like the Hub). */
export function hubHost(): string {
  const param = new URLSearchParams(window.location.search).get('hub');
  return param && /^https?:\/\/[^/]+$/.test(param) ? param : HUB_HOST;
}

export async function fetchJson(url: string): Promise<unknown> {
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

/** A Hub repository (`hubId`) or an .onnx/.tflite URL: the worker fetches the model itself, through its cache. */
export function remoteDraft(remote: RemoteRuntimeModel, hubId?: string): CustomDraft {
  const draft = draftFrom({ kind: 'url', url: remote.modelUrl }, remote.facts, {
    name: remote.name,
    modelUrl: remote.modelUrl,
    ignored: [],
    diskBytes: 0,
    notes: remote.notes,
    ...(remote.labelsUrl ? { labelsUrl: remote.labelsUrl } : {}),
    ...(remote.centerCrop ? { centerCrop: remote.centerCrop } : {}),
    ...(remote.siblings && remote.dtype && hubId ? { siblings: remote.siblings, dtype: remote.dtype, hubId } : {}),
  });
  const preprocessing = (remote.preprocessingFrom === 'file' || !draft.remembered ? remote.preprocessing : null) ?? draft.settings.preprocessing;
  return { ...draft, settings: { ...draft.settings, preprocessing } };
}

/** `org/name`, not a relative address of a file (`models/model.json`). */
export const looksLikeHubId = (text: string): boolean => isHubRepoId(text) && !/\.(json|onnx|tflite)$/i.test(text);
