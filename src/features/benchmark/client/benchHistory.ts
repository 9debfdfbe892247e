/**
 * Benchmark runs kept in IndexedDB (plain API: three calls do not justify a wrapper package), so
 * a run survives a reload and two runs, days apart, can be compared. Its own database, so other
 * features' schemas and versions never collide with it.
 */
import type { BenchRun } from '@/features/benchmark/shared/benchRun';

const DB_NAME = 'lumen-benchmarks';
const STORE = 'runs';
/** Older runs beyond this are dropped on save; each can hold thousands of samples. */
export const MAX_SAVED_RUNS = 50;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB (private mode?), so runs cannot be kept'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Every saved run, newest first. */
export async function listRuns(): Promise<BenchRun[]> {
  const runs = await withStore<BenchRun[]>('readonly', (store) => store.getAll() as IDBRequest<BenchRun[]>);
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function saveRun(run: BenchRun): Promise<void> {
  await withStore('readwrite', (store) => store.put(run));
  const runs = await listRuns();
  for (const old of runs.slice(MAX_SAVED_RUNS)) await deleteRun(old.id);
}

export async function deleteRun(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
}
