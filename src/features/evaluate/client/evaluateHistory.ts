/**
 * Finished Evaluate runs kept in IndexedDB, so a run survives a reload and two runs can be diffed.
 * Its own database (other features' schemas and versions never collide with it), through the same
 * store as Benchmark's runs and taught models (browser/storage/keyValueStore.ts): a save counts
 * only once the browser has committed it, and one it refuses says so.
 */
import { keyValueStore } from '@/browser/storage/keyValueStore';
import type { EvaluateDocument } from '@/features/evaluate/shared/evaluateJson';
import { newestFirst, type SavedEvaluateRun } from '@/features/evaluate/shared/savedRuns';

/**
 * Older runs beyond this are dropped on save. A report holds each entry's per-class rows (up to a
 * thousand ImageNet classes), confusions, reliability bins and mistakes, so a few entries on a big
 * folder reach hundreds of kB; twenty keeps the list short enough to scan at 375 px, holds in memory
 * for the diff, and leaves the site's storage to taught models' weights.
 */
export const MAX_SAVED_EVALUATIONS = 20;

const runs = keyValueStore<SavedEvaluateRun>({
  database: 'lumen-evaluations',
  store: 'runs',
  keyOf: (run) => run.id,
  whenFull: 'Delete saved evaluations, saved benchmark runs or a taught model, or free space.',
});

/** Every saved run, newest first. */
export async function listEvaluations(): Promise<SavedEvaluateRun[]> {
  return (await runs.list()).sort(newestFirst);
}

/** Resolves once committed; the report is kept whole, whatever fields it carries. */
export async function saveEvaluation<Report extends EvaluateDocument>(run: SavedEvaluateRun<Report>): Promise<void> {
  await runs.put(run);
  for (const old of (await listEvaluations()).slice(MAX_SAVED_EVALUATIONS)) await deleteEvaluation(old.id);
}

export const deleteEvaluation = (id: string): Promise<void> => runs.remove(id);

/** A new run's id: its time first, so ids sort as the runs were saved. */
export const newEvaluationId = (now: Date): string => `${now.toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;
