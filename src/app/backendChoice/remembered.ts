/**
 * The measured choice is remembered per (model, device) in localStorage (the page owns it; the
 * worker only reports timings). The device is what distinguishes one machine's speeds from
 * another's as far as the page can tell: GPU adapter or renderer, core count, browser.
 */
import type { KeyValueStore } from '@/browser/storage/device';
import { isBackendName, type BackendName } from '@/engine/shared/types';

export const STORAGE_PREFIX = 'lumen.backendChoice:';

export interface RememberedChoice {
  backend: BackendName;
  summary: string;
  /** When it was measured (ms since the epoch). */
  at: number;
  /** The family member that won (the same network on another runtime); absent: the model itself. */
  modelId?: string;
  /** The batch it was fastest per image at; absent: not measured. */
  batch?: number;
  /** The wasm threads the engine's worker must run with for it (threadProbe.ts); absent: the device's default. */
  wasmThreads?: number;
}

export { deviceKey, type KeyValueStore } from '@/browser/storage/device';

export const storageKey = (modelId: string, device: string): string => `${STORAGE_PREFIX}${modelId}|${device}`;

export function readChoice(store: KeyValueStore, modelId: string, device: string): RememberedChoice | null {
  try {
    const raw: unknown = JSON.parse(store.getItem(storageKey(modelId, device)) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { backend, summary, at, modelId: member, batch, wasmThreads } = raw as Record<string, unknown>;
    if (typeof backend !== 'string' || !isBackendName(backend) || typeof summary !== 'string' || typeof at !== 'number') return null;
    const choice: RememberedChoice = { backend, summary, at };
    if (typeof member === 'string' && member !== '') choice.modelId = member;
    if (typeof batch === 'number' && Number.isInteger(batch) && batch >= 1) choice.batch = batch;
    if (typeof wasmThreads === 'number' && Number.isInteger(wasmThreads) && wasmThreads >= 1) choice.wasmThreads = wasmThreads;
    return choice;
  } catch {
    return null; // unreadable: measure again
  }
}

export function writeChoice(store: KeyValueStore, modelId: string, device: string, choice: RememberedChoice): void {
  try {
    store.setItem(storageKey(modelId, device), JSON.stringify(choice));
  } catch {
    // storage full or refused: the choice holds for this session only
  }
}

export function forgetChoice(store: KeyValueStore, modelId: string, device: string): void {
  try {
    store.removeItem(storageKey(modelId, device));
  } catch {
    // nothing to forget
  }
}
