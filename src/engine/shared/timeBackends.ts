/**
 * Times each candidate backend on the model in use, within a bounded budget, so the automatic
 * choice is measured rather than a rule. Pure: the clock and the per-backend trial are injected
 * (the worker passes performance.now and TF.js; tests pass a fake clock).
 */
import type { BackendName, ModelSpec } from './types';

/** One backend's figures in a measured backend choice. */
export interface BackendTiming {
  backend: BackendName;
  /** Switch + load + first run, ms; null when it failed. */
  firstMs: number | null;
  /** Median of the warm runs, ms; null when none ran. */
  warmMs: number | null;
  runs: number;
  /** Why it has no warm figure (too slow, failed), or null. */
  skipped: string | null;
}

/** A few warm runs of `model` on each available backend within a budget, for the measured automatic choice. */
export type TimeBackendsWorkerRequest = { type: 'time-backends'; id: number; model: ModelSpec };

/** The backend the worker runs is unchanged; the page decides and remembers (app/backendChoice). */
export type TimeBackendsWorkerEvent = { type: 'backends-timed'; id: number; timings: BackendTiming[] };

export interface Clock {
  now(): number;
}

/** One backend's trial: `start` switches to it, loads the model and runs it once; `run` is one warm run. */
export interface BackendTrial {
  start(): Promise<void>;
  run(): Promise<void>;
  /** Always called, even after a failure: frees what `start` loaded. */
  finish(): Promise<void>;
}

export interface TimingBudget {
  /** For all backends together, ms. */
  totalMs: number;
  /** Warm runs wanted per backend (fewer when the budget runs out). */
  warmRuns: number;
}

export const DEFAULT_BUDGET: TimingBudget = { totalMs: 4000, warmRuns: 5 };

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function timeBackends(
  backends: readonly BackendName[],
  trialFor: (backend: BackendName) => BackendTrial,
  clock: Clock,
  budget: TimingBudget = DEFAULT_BUDGET,
): Promise<BackendTiming[]> {
  const timings: BackendTiming[] = [];
  // Each backend gets an equal share, so a slow one cannot starve the ones after it.
  const share = budget.totalMs / Math.max(1, backends.length);
  for (const backend of backends) {
    const trial = trialFor(backend);
    const started = clock.now();
    const timing: BackendTiming = { backend, firstMs: null, warmMs: null, runs: 0, skipped: null };
    try {
      await trial.start();
      timing.firstMs = clock.now() - started;
      if (timing.firstMs > share) {
        timing.skipped = `first run ${timing.firstMs.toFixed(0)} ms, over its ${share.toFixed(0)} ms budget`;
      } else {
        const runs: number[] = [];
        while (runs.length < budget.warmRuns) {
          const t0 = clock.now();
          await trial.run();
          runs.push(clock.now() - t0);
          // Stop before a run that would likely overrun the share.
          if (clock.now() - started + (runs.at(-1) ?? 0) >= share) break;
        }
        timing.runs = runs.length;
        timing.warmMs = median(runs);
      }
    } catch (error) {
      timing.skipped = `failed: ${message(error)}`;
    } finally {
      await trial.finish().catch(() => undefined);
    }
    timings.push(timing);
  }
  return timings;
}
