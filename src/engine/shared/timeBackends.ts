/**
 * Times each candidate on the model in use, within a bounded budget, so the automatic choice is
 * measured rather than a rule. A candidate is a backend, or, for a model with a family (the same
 * network in other formats: ONNX, TFLite), another member on its runtime and backend. Each gets a
 * few warm runs at batch 1, then, if its share of the budget allows, a batch, so the choice can
 * weigh throughput too. Pure: the clock and the trials are injected (the worker passes
 * performance.now and the runtimes; tests pass a fake clock).
 */
import { runtimeOfFormat, type BackendName, type ModelSpec, type RuntimeName } from './types';

/** What one trial runs: a backend for the model asked about, or another family member there. */
export interface TimingCandidate {
  backend: BackendName;
  /** Another member of the model's family; absent: the model asked about. */
  modelId?: string;
  /** The member's runtime (absent: the model's own). */
  runtime?: RuntimeName;
}

/** One candidate's figures in a measured choice. */
export interface BackendTiming extends TimingCandidate {
  /** Switch + load + first run, ms; null when it failed. */
  firstMs: number | null;
  /** Median of the warm runs, ms; null when none ran. */
  warmMs: number | null;
  runs: number;
  /** Why it has no warm figure (too slow, failed), or null. */
  skipped: string | null;
  /** The wasm threads it ran with, where its runtime says. */
  threads?: number;
  /** The batch timed after the warm runs, and its median ms (null: not run, out of budget). */
  batch?: number;
  batchMs?: number | null;
}

/**
 * A few warm runs of `model` on each available backend within a budget, for the measured automatic
 * choice; `members` adds the other members of its family, each on its runtime's backends.
 */
export type TimeBackendsWorkerRequest = {
  type: 'time-backends';
  id: number;
  model: ModelSpec;
  members?: ModelSpec[];
  /** Time only these backends (the thread probe times wasm alone); absent: every one available. */
  backends?: BackendName[];
};

/** The backend the worker runs is unchanged; the page decides and remembers (app/backendChoice). */
export type TimeBackendsWorkerEvent = { type: 'backends-timed'; id: number; timings: BackendTiming[] };

export interface Clock {
  now(): number;
}

/** One candidate's trial: `start` switches to it, loads the model and runs it once; `run` is one warm run. */
export interface BackendTrial {
  start(): Promise<void>;
  /**
   * Once started, how much of `start` was loading (the runtime's first download and compile, the
   * model's bytes from the cache): it counts in firstMs, but not against the share, which judges
   * only how slow the model runs there.
   */
  loadMs?(): number;
  run(): Promise<void>;
  /** A run of `size` images at once, timed after the warm runs when the budget allows. */
  batch?: { size: number; run(size: number): Promise<void> };
  /** The wasm threads the loaded model runs with, once started. */
  threads?(): number | undefined;
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
/** With family members to weigh too: more candidates, so more time, still bounded. */
export const FAMILY_BUDGET: TimingBudget = { totalMs: 8000, warmRuns: 5 };

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The backends a runtime can be asked for through the engine's: TF.js takes each; ONNX Runtime and
 * LiteRT run WebGPU when the engine is on WebGPU and their wasm build otherwise (loadAnyModel.ts),
 * so webgl would only repeat wasm.
 */
export function backendsFor(runtime: RuntimeName, available: readonly BackendName[]): BackendName[] {
  return runtime === 'tfjs' ? [...available] : available.filter((b) => b === 'webgpu' || b === 'wasm');
}

export interface SpecCandidate extends TimingCandidate {
  spec: ModelSpec;
}

/**
 * Every (model, backend) to time: on the CPU first (wasm), then the GPU backends, the model's own
 * before its members' within each. A GPU trial can leave compiles running on the CPU after it
 * returns (SwiftShader, or a driver's shader compiler on few cores), which would slow a wasm trial
 * timed after it.
 */
export function candidatesFor(spec: ModelSpec, members: readonly ModelSpec[], available: readonly BackendName[], running: BackendName): SpecCandidate[] {
  const order = [...available.filter((b) => b !== running), ...available.filter((b) => b === running)];
  const own = backendsFor(runtimeOfFormat(spec.format), order).map((backend) => ({ backend, spec }));
  const others = members.flatMap((member) => {
    const runtime = runtimeOfFormat(member.format);
    return backendsFor(runtime, order).map((backend) => ({ backend, spec: member, modelId: member.id, runtime }));
  });
  const all: SpecCandidate[] = [...own, ...others];
  return [...all.filter((c) => c.backend === 'wasm'), ...all.filter((c) => c.backend !== 'wasm')];
}

/** Per-image ms at the candidate's best: batch 1, or its batch when that is faster per image. Null: no figure. */
export function perImageMs(t: Pick<BackendTiming, 'warmMs' | 'batch' | 'batchMs'>): number | null {
  if (t.warmMs === null) return null;
  const batched = t.batch && t.batchMs != null ? t.batchMs / t.batch : Number.POSITIVE_INFINITY;
  return Math.min(t.warmMs, batched);
}

/** The batch that gives perImageMs: 1, or the timed batch when it is faster per image. */
export function bestBatchOf(t: Pick<BackendTiming, 'warmMs' | 'batch' | 'batchMs'>): number {
  return t.batch && t.batchMs != null && t.warmMs !== null && t.batchMs / t.batch < t.warmMs ? t.batch : 1;
}

async function timeWarmRuns(trial: BackendTrial, clock: Clock, started: number, share: number, wanted: number): Promise<number[]> {
  const runs: number[] = [];
  while (runs.length < wanted) {
    const t0 = clock.now();
    await trial.run();
    runs.push(clock.now() - t0);
    // Stop before a run that would likely overrun the share.
    if (clock.now() - started + (runs.at(-1) ?? 0) >= share) break;
  }
  return runs;
}

/**
 * One untimed batch (a new input shape may compile), then one timed, at the largest size up to the
 * trial's (halving: 8, 4, 2) whose two runs likely fit what is left of the share, so a heavy model
 * still gets a batch figure. Null when not even 2 fits.
 */
async function timeBatch(trial: BackendTrial, clock: Clock, started: number, share: number, warmMs: number): Promise<{ size: number; ms: number } | null> {
  const batch = trial.batch;
  if (!batch) return null;
  let size = batch.size;
  while (size > 1 && clock.now() - started + 2 * warmMs * size > share) size = Math.floor(size / 2);
  if (size <= 1) return null;
  await batch.run(size);
  const t0 = clock.now();
  await batch.run(size);
  return { size, ms: clock.now() - t0 };
}

export async function timeBackends<C extends TimingCandidate>(
  candidates: readonly C[],
  trialFor: (candidate: C) => BackendTrial,
  clock: Clock,
  budget: TimingBudget = DEFAULT_BUDGET,
): Promise<(C & BackendTiming)[]> {
  const timings: (C & BackendTiming)[] = [];
  const begun = clock.now();
  for (const [index, candidate] of candidates.entries()) {
    // Each candidate gets at least an equal share, so a slow one cannot starve the ones after it,
    // and what quick ones leave goes to the rest.
    const left = (budget.totalMs - (clock.now() - begun)) / (candidates.length - index);
    const share = Math.max(budget.totalMs / candidates.length, left);
    const trial = trialFor(candidate);
    const started = clock.now();
    const timing: C & BackendTiming = { ...candidate, firstMs: null, warmMs: null, runs: 0, skipped: null };
    try {
      await trial.start();
      timing.firstMs = clock.now() - started;
      // The share runs from the end of loading: a runtime's first start must not cost it its runs.
      const ran = started + Math.min(Math.max(0, trial.loadMs?.() ?? 0), timing.firstMs);
      const threads = trial.threads?.();
      if (threads !== undefined) timing.threads = threads;
      if (clock.now() - ran > share) {
        timing.skipped = `first run ${(clock.now() - ran).toFixed(0)} ms, over its ${share.toFixed(0)} ms budget`;
      } else {
        // One more untimed run: some runtimes (XNNPACK's weight packing) settle only after the second.
        await trial.run();
        const runs = await timeWarmRuns(trial, clock, ran, share, budget.warmRuns);
        timing.runs = runs.length;
        timing.warmMs = median(runs);
        if (trial.batch && trial.batch.size > 1 && timing.warmMs !== null) {
          // A batch that fails (memory) leaves the batch-1 figures standing.
          const timed = await timeBatch(trial, clock, ran, share, timing.warmMs).catch(() => null);
          timing.batch = timed?.size ?? trial.batch.size;
          timing.batchMs = timed?.ms ?? null;
        }
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
