/**
 * Taught models kept in IndexedDB (one record each: name, lumen-taught.json's record and the
 * head's artifacts, weights as an ArrayBuffer), so they survive a reload. No network involved.
 */
import type { HeadArtifacts, TaughtMeta } from '@/features/teach/shared/teach';

export interface TaughtRecord {
  id: string;
  meta: TaughtMeta;
  head: HeadArtifacts;
}

const DB = 'lumen-taught';
const STORE = 'models';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export const listTaught = (): Promise<TaughtRecord[]> => run('readonly', (s) => s.getAll() as IDBRequest<TaughtRecord[]>);
export const putTaught = (record: TaughtRecord): Promise<IDBValidKey> => run('readwrite', (s) => s.put(record));
export const deleteTaught = (id: string): Promise<undefined> => run('readwrite', (s) => s.delete(id));
