/**
 * The measured choice: the candidate (backend, or another family member on its runtime and
 * backend) with the best per-image time, at batch 1 or at the timed batch when that is faster per
 * image, but only when it beats the provisional one (the model asked for, on the rule-based backend)
 * by a clear margin, since a few runs on a busy machine are noisy and a switch costs a reload.
 */
import { bestBatchOf, perImageMs, type BackendTiming } from '@/engine/shared/timeBackends';
import type { BackendName, RuntimeName } from '@/engine/shared/types';

/** The winner must be at least this much faster than the provisional backend (0.15: 15 %). */
export const CLEAR_MARGIN = 0.15;

export interface BackendDecision {
  backend: BackendName;
  /** The family member that won; null: the model asked for. */
  modelId: string | null;
  /** The batch the winner was fastest per image at (1 when no batch was timed or it was not faster). */
  batch: number;
  /** True when the measurement overturned the provisional choice (another backend or member). */
  switched: boolean;
  /** The winning timing itself (null: none measured), so a caller can tell which engine ran it (e.g. the thread probe's). */
  chosen: BackendTiming | null;
  /** For "What ran": e.g. "webgl 41 ms, wasm 12 ms → wasm". */
  summary: string;
  timings: BackendTiming[];
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/**
 * How a summary names candidates: with their runtime once several runtimes are weighed, and with
 * every wasm thread count once one thread was timed against several (threadProbe.ts).
 */
interface Naming {
  ownRuntime: RuntimeName | null;
  threadsWeighed: boolean;
}

/** A candidate's name in the summary: the backend, with its runtime and threads as `naming` asks. */
function labelOf(t: BackendTiming, { ownRuntime, threadsWeighed }: Naming): string {
  const threads = t.threads && (t.threads > 1 || (threadsWeighed && t.backend === 'wasm')) ? `×${t.threads}` : '';
  if (ownRuntime === null) return `${t.backend}${threadsWeighed ? threads : ''}`;
  return `${t.runtime ?? ownRuntime}/${t.backend}${threads}`;
}

/** Several wasm thread counts among the figures: one thread was timed against several. */
const weighsThreads = (timings: readonly BackendTiming[]): boolean =>
  new Set(timings.filter((t) => t.backend === 'wasm' && t.threads).map((t) => t.threads)).size > 1;

function describeTiming(t: BackendTiming, naming: Naming): string {
  const label = labelOf(t, naming);
  if (t.warmMs === null) return `${label} skipped (${t.skipped ?? 'no run'})`;
  const batched = t.batch && t.batchMs != null ? ` (${ms(t.batchMs / t.batch)}/image at ${t.batch})` : '';
  return `${label} ${ms(t.warmMs)}${batched}`;
}

const sameCandidate = (t: BackendTiming, backend: BackendName, modelId: string | null): boolean => t.backend === backend && (t.modelId ?? null) === modelId;

/**
 * `ownRuntime`: the runtime of the model asked for, when family members were timed beside it
 * (the summary then names each candidate's runtime); null for backends alone.
 */
export function decideBackend(
  timings: readonly BackendTiming[],
  provisional: BackendName,
  margin = CLEAR_MARGIN,
  ownRuntime: RuntimeName | null = null,
): BackendDecision {
  const naming: Naming = { ownRuntime, threadsWeighed: weighsThreads(timings) };
  const measured = timings.flatMap((t) => {
    const perImage = perImageMs(t);
    return perImage === null ? [] : [{ t, perImage }];
  });
  const fastest = measured.reduce<(typeof measured)[number] | null>((best, m) => (best === null || m.perImage < best.perImage ? m : best), null);
  const current = measured.find((m) => sameCandidate(m.t, provisional, null));
  let chosen = current?.t ?? null;
  let why = '';
  if (fastest && fastest.t !== current?.t) {
    if (!current) {
      chosen = fastest.t;
      why = ` (${provisional} not measured)`;
    } else if (fastest.perImage <= current.perImage * (1 - margin)) {
      chosen = fastest.t;
    } else {
      why = ` (${labelOf(fastest.t, naming)} not ${Math.round(margin * 100)} % faster)`;
    }
  }
  const backend = chosen?.backend ?? provisional;
  const modelId = chosen?.modelId ?? null;
  const batch = chosen ? bestBatchOf(chosen) : 1;
  const label = chosen ? labelOf(chosen, naming) : provisional;
  const detail = `${modelId ? ` (${modelId})` : ''}${batch > 1 ? `, batch ${batch}` : ''}`;
  const summary = `${timings.map((t) => describeTiming(t, naming)).join(', ')} → ${label}${detail}${why}`;
  return { backend, modelId, batch, switched: backend !== provisional || modelId !== null, chosen, summary, timings: [...timings] };
}
