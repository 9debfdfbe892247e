/**
 * Benchmark runs kept in IndexedDB, so a run survives a reload and two runs, days apart, can be
 * compared. Its own database, so other features' schemas and versions never collide with it; the
 * same store as taught models (keyValueStore.ts), so a save the browser refuses says so.
 */
import { keyValueStore } from '@/browser/storage/keyValueStore';
import type { BenchRun } from '@/features/benchmark/shared/benchRun';

/** Older runs beyond this are dropped on save; each can hold thousands of samples. */
export const MAX_SAVED_RUNS = 50;

// The database and store names the first version used, so the runs it saved still load.
const runs = keyValueStore<BenchRun>({
  database: 'lumen-benchmarks',
  store: 'runs',
  keyOf: (run) => run.id,
  whenFull: 'Delete saved runs or a taught model, or free space.',
});

/** Every saved run, newest first. */
export async function listRuns(): Promise<BenchRun[]> {
  return (await runs.list()).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function saveRun(run: BenchRun): Promise<void> {
  await runs.put(run);
  for (const old of (await listRuns()).slice(MAX_SAVED_RUNS)) await deleteRun(old.id);
}

export const deleteRun = (id: string): Promise<void> => runs.remove(id);
