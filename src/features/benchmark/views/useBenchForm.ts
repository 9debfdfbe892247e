import { useMemo } from 'react';
import { useStore } from '@/app/store';
import { benchProblemOf, pageDefaultsOf } from '@/features/benchmark/client/benchmarkActions';
import { effectiveForm, type FormInput } from '@/features/benchmark/shared/benchPlan';

/**
 * The form as it is shown and as Run would run it: the stored choices with the page's defaults
 * resolved (effectiveForm), re-derived whenever the page's model, backend or images change.
 */
export function useEffectiveBenchForm(): FormInput {
  const form = useStore((s) => s.benchForm);
  const model = useStore((s) => pageDefaultsOf(s).model);
  const backend = useStore((s) => pageDefaultsOf(s).backend);
  const imageCount = useStore((s) => s.cards.length);
  return useMemo(() => effectiveForm(form, { model, backend, imageCount }), [form, model, backend, imageCount]);
}

/** Why the last Run (or Compare) could not start, re-derived from the current state: it goes away once fixed. */
export function useBenchProblem(): string | null {
  return useStore((s) => (s.benchAttempt ? benchProblemOf(s, s.benchAttempt) : null));
}

/**
 * What the form still waits for, or null: the model list (the page's model is ticked once it is in)
 * or the engine (its backend is ticked, and Run enabled, once it has started).
 */
export function usePageWaitingFor(): 'catalog' | 'engine' | null {
  return useStore((s) => (s.catalog === null ? 'catalog' : s.engineStatus === 'idle' || s.engineStatus === 'starting' ? 'engine' : null));
}
