/**
 * Taught models kept in IndexedDB (one record each: name, lumen-taught.json's record and the
 * head's artifacts, weights as an ArrayBuffer), so they survive a reload. No network involved.
 * A save resolves only once the browser has committed it (keyValueStore.ts).
 */
import type { HeadArtifacts, TaughtMeta } from '@/features/teach/shared/teach';
import { keyValueStore } from './keyValueStore';

export interface TaughtRecord {
  id: string;
  meta: TaughtMeta;
  head: HeadArtifacts;
}

// The database and store names the first version used, so the models it saved still load.
const taught = keyValueStore<TaughtRecord>({
  database: 'lumen-taught',
  store: 'models',
  keyOf: (record) => record.id,
  whenFull: 'Delete a taught model or free space.',
});

export const listTaught = (): Promise<TaughtRecord[]> => taught.list();
export const putTaught = (record: TaughtRecord): Promise<void> => taught.put(record);
export const deleteTaught = (id: string): Promise<void> => taught.remove(id);
