/**
 * Records kept in IndexedDB through idb-keyval, one database per kind (idb-keyval creates its one
 * store only as it creates the database). A write resolves when its transaction commits and
 * rejects when it aborts: a write the browser refuses at commit (the site's storage is full, and
 * taught models hold weights) must never read as saved. Failures become LumenErrors that say what
 * happened and what a person can do.
 */
import { createStore, del, set, type UseStore, values } from 'idb-keyval';
import { LumenError } from '@/shared/errors';
import { formatBytes } from '@/shared/format';

export interface KeyValueStore<T> {
  /** Every record, in key order. */
  list(): Promise<T[]>;
  /** Resolves once the write has committed; rejects with a LumenError when it did not. */
  put(value: T): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface KeyValueOptions<T> {
  database: string;
  store: string;
  keyOf: (value: T) => string;
  /** What a person can delete to make room, said when the storage is full. */
  whenFull: string;
}

/**
 * Version 1 of these databases kept each record under its own `id` (a keyPath); idb-keyval puts
 * the key beside the value. Opening at version 2 moves the records across inside the upgrade
 * transaction, so the move is all or nothing: when it aborts, the old store stays as it was.
 */
const KEY_VALUE_LAYOUT = 2;

function openKeyValueLayout<T>({ database, store, keyOf }: KeyValueOptions<T>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser offers no IndexedDB (private mode?)'));
    const request = indexedDB.open(database, KEY_VALUE_LAYOUT);
    // An aborted upgrade fails the open with AbortError; its transaction holds the reason (quota).
    let abortedBy: DOMException | null = null;
    request.onupgradeneeded = () => {
      const db = request.result;
      const upgrade = request.transaction!;
      upgrade.onabort = () => (abortedBy = upgrade.error);
      if (!db.objectStoreNames.contains(store)) return void db.createObjectStore(store);
      const old = upgrade.objectStore(store);
      if (old.keyPath === null) return;
      const read = old.getAll();
      read.onsuccess = () => {
        db.deleteObjectStore(store);
        const moved = db.createObjectStore(store);
        for (const value of read.result as T[]) moved.put(value, keyOf(value));
      };
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    // Past this layout already (a newer Lumen in another tab): nothing to move from here.
    request.onerror = () => (request.error?.name === 'VersionError' ? resolve() : reject(abortedBy ?? request.error));
  });
}

export function keyValueStore<T>(options: KeyValueOptions<T>): KeyValueStore<T> {
  let ready: Promise<UseStore> | null = null;
  const open = (): Promise<UseStore> => {
    ready ??= openKeyValueLayout(options).then(
      () => createStore(options.database, options.store),
      (error: unknown) => {
        ready = null;
        throw error;
      },
    );
    return ready;
  };
  const failed =
    (action: StorageAction) =>
    async (error: unknown): Promise<never> => {
      throw await storageError(action, error, options.whenFull);
    };
  return {
    list: () =>
      open()
        .then((store) => values<T>(store))
        .catch(failed('read')),
    put: (value) =>
      open()
        .then((store) => set(options.keyOf(value), value, store))
        .catch(failed('save')),
    remove: (key) =>
      open()
        .then((store) => del(key, store))
        .catch(failed('delete')),
  };
}

type StorageAction = 'read' | 'save' | 'delete';

const isQuota = (error: unknown): boolean => error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));

/** An aborted transaction's error is null when nothing said why. */
const detailOf = (error: unknown): string => {
  if (error instanceof Error) return error.message ? (error.name === 'Error' ? error.message : `${error.name}: ${error.message}`) : error.name;
  return error === null || error === undefined ? 'the transaction was aborted' : String(error);
};

async function usage(): Promise<string> {
  try {
    const { usage: used, quota } = await navigator.storage.estimate();
    return used !== undefined && quota ? `; ${formatBytes(used)} of ${formatBytes(quota)} in use` : '';
  } catch {
    return ''; // no StorageManager here (older browsers, Node)
  }
}

/** What a failed read, save or delete tells a person. */
export async function storageError(action: StorageAction, error: unknown, whenFull: string): Promise<LumenError> {
  if (error instanceof LumenError) return error;
  const options = { cause: error };
  if (isQuota(error)) {
    const full = `the browser's storage for this site is full (${error instanceof Error ? error.name : 'quota'}${await usage()})`;
    if (action === 'read')
      return new LumenError('quota-exceeded', `${full}, so saved records could not be updated for this version. Free space, then reload.`, options);
    return new LumenError('quota-exceeded', `${action === 'save' ? 'Not saved' : 'Not deleted'}: ${full}. ${whenFull}`, options);
  }
  const detail = detailOf(error);
  if (action === 'read') return new LumenError('internal', `the browser's storage could not be read (${detail})`, options);
  return new LumenError('internal', `${action === 'save' ? 'Not saved' : 'Not deleted'}: the browser's storage refused the write (${detail}).`, options);
}
