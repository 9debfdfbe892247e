/**
 * The measured choice: the fastest warm backend, but only when it beats the provisional (rule-based)
 * one by a clear margin, since a few runs on a busy machine are noisy and a switch costs a reload.
 */
import type { BackendName } from '@/engine/shared/types';
import type { BackendTiming } from '@/engine/shared/timeBackends';

/** The winner must be at least this much faster than the provisional backend (0.15: 15 %). */
export const CLEAR_MARGIN = 0.15;

export interface BackendDecision {
  backend: BackendName;
  /** True when the measurement overturned the provisional backend. */
  switched: boolean;
  /** For "What ran": e.g. "webgl 41 ms, wasm 12 ms → wasm". */
  summary: string;
  timings: BackendTiming[];
}

function describe(t: BackendTiming): string {
  if (t.warmMs !== null) return `${t.backend} ${t.warmMs.toFixed(t.warmMs < 10 ? 1 : 0)} ms`;
  return `${t.backend} skipped (${t.skipped ?? 'no run'})`;
}

export function decideBackend(timings: readonly BackendTiming[], provisional: BackendName, margin = CLEAR_MARGIN): BackendDecision {
  const measured = timings.filter((t): t is BackendTiming & { warmMs: number } => t.warmMs !== null);
  const fastest = measured.reduce<(typeof measured)[number] | null>((best, t) => (best === null || t.warmMs < best.warmMs ? t : best), null);
  const current = measured.find((t) => t.backend === provisional);
  let backend = provisional;
  let why = '';
  if (fastest && fastest.backend !== provisional) {
    if (!current) {
      backend = fastest.backend;
      why = ` (${provisional} not measured)`;
    } else if (fastest.warmMs <= current.warmMs * (1 - margin)) {
      backend = fastest.backend;
    } else {
      why = ` (${fastest.backend} not ${Math.round(margin * 100)} % faster)`;
    }
  }
  const summary = `${timings.map(describe).join(', ')} → ${backend}${why}`;
  return { backend, switched: backend !== provisional, summary, timings: [...timings] };
}
