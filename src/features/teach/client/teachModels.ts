/**
 * Taught models as models: kept in IndexedDB, listed in the picker under their own group (their
 * state and spec: taughtStore.ts), deleted, exported as files and imported back from them (the
 * Your-model view). Actions that change which model is selected return the id to select, and the
 * caller selects it: this module never calls selectModel back.
 */
import { useStore } from '@/app/store/index';
import { useTaughtStore } from './taughtStore';
import { deleteTaught, listTaught, putTaught, type TaughtRecord } from '@/browser/storage/taughtDb';
import { exportTaught, headFromFiles, parseTaughtMeta, shardNames, TAUGHT_META_FILE } from '@/features/teach/shared/exportFiles';
import type { HeadArtifacts, TaughtMeta } from '@/features/teach/shared/teach';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let loading: Promise<void> | null = null;

/** Reads the stored taught models once (the picker calls it as it mounts). */
export function loadTaughtModels(): Promise<void> {
  loading ??= listTaught().then(
    (models) => useTaughtStore.setState({ models: models.sort((a, b) => a.meta.createdAt.localeCompare(b.meta.createdAt)), loaded: true }),
    (error: unknown) => useTaughtStore.setState({ loaded: true, error: `Taught models could not be read: ${message(error)}` }),
  );
  return loading;
}

export async function saveTaught(meta: TaughtMeta, head: HeadArtifacts): Promise<string> {
  const record: TaughtRecord = { id: `taught-${Date.now().toString(36)}`, meta, head };
  await putTaught(record);
  useTaughtStore.setState((s) => ({ models: [...s.models, record], error: null }));
  return record.id;
}

/** Deletes a taught model; when it was the selected one, returns the model to select instead (else undefined). */
export async function removeTaught(id: string): Promise<{ select: string | null } | undefined> {
  try {
    await deleteTaught(id);
  } catch (error) {
    // Shown above the list (TaughtList); the model stays listed, as it is still stored.
    useTaughtStore.setState({ error: message(error) });
    return undefined;
  }
  useTaughtStore.setState((s) => ({ models: s.models.filter((m) => m.id !== id), error: null }));
  const { selectedModel, catalog } = useStore.getState();
  return selectedModel === id ? { select: catalog?.defaultModel ?? null } : undefined;
}

/** Downloads model.json, weights.bin, labels.json and lumen-taught.json. */
export function exportTaughtModel(id: string): void {
  const record = useTaughtStore.getState().models.find((m) => m.id === id);
  if (!record) return;
  // The names model.json lists, unprefixed: tf.io.browserFiles and the import match them exactly.
  for (const file of exportTaught(record.head, record.meta)) {
    const url = URL.createObjectURL(new Blob([file.data], { type: file.type }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** Is this drop an exported taught model (it carries lumen-taught.json)? */
export const isTaughtDrop = (files: readonly File[]): boolean => files.some((f) => f.name.endsWith(TAUGHT_META_FILE));

/** The exported files back into a taught model (stored and listed): its id to select, or a message when they do not fit. */
export async function importTaughtFiles(files: readonly File[]): Promise<{ select: string } | string> {
  const metaFile = files.find((f) => f.name.endsWith(TAUGHT_META_FILE));
  const modelJson = files.find((f) => f.name.endsWith('model.json'));
  if (!metaFile || !modelJson) return `Drop ${TAUGHT_META_FILE} together with its model.json and weights.`;
  const meta = parseTaughtMeta(await metaFile.text());
  if (typeof meta === 'string') return meta;
  if (!useStore.getState().catalog?.models.some((m) => m.id === meta.base.id)) {
    return `This taught model sits on ${meta.base.name} (${meta.base.id}), which is not in this catalog.`;
  }
  const text = await modelJson.text();
  const shards: ArrayBuffer[] = [];
  for (const name of shardNames(text)) {
    const shard = files.find((f) => f.name === name || f.name.endsWith(`-${name}`));
    if (!shard) return `model.json lists ${name}, which was not dropped with it.`;
    shards.push(await shard.arrayBuffer());
  }
  const head = headFromFiles(text, shards);
  if (typeof head === 'string') return head;
  try {
    return { select: await saveTaught({ ...meta, name: meta.name }, head) };
  } catch (error) {
    return message(error); // "Not saved: …", said in the Your-model view
  }
}
