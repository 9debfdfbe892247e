/**
 * Which entries an evaluation runs: the page's selected model (the model bar) first, then each
 * model the person ticked, as (model, weights) choices like Compare's (`id` or `id:float16`), each
 * as its family's member on each ticked runtime, times each ticked backend.
 * Only installed ImageNet catalog models: Evaluate scores in ImageNet's Keras class space.
 */
import { useStore } from '@/app/store/index';
import { isAvailable, specFor } from '@/app/store/modelRegistry';
import type { BackendName, ModelSpec } from '@/engine/shared/types';
import { memberOfOn } from '@/features/benchmark/client/benchmarkActions';
import { modelsOnRuntimes } from '@/features/benchmark/shared/benchPlan';
import { isImageNetCount } from '@/shared/models/catalog';
import { choiceKey, parseChoice } from '@/shared/weights/choice';
import { offeredWeights } from '@/shared/weights/variantSpec';

export interface EvaluateOption {
  choice: string;
  name: string;
}

/** Every installed ImageNet catalog model, each weight variant beside it. */
export function evaluateOptions(): EvaluateOption[] {
  const { catalog, installed } = useStore.getState();
  return (catalog?.models ?? [])
    .filter((m) => installed[m.id] && isImageNetCount(m.classes))
    .flatMap((m) => offeredWeights(m).map((o) => ({ choice: choiceKey(m.id, o.weights), name: o.variant ? `${m.name} · ${o.weights}` : m.name })));
}

/** The model bar's selection as a choice, when it is an installed ImageNet catalog model. */
export function pageChoice(): string | null {
  const { selectedModel, selectedWeights } = useStore.getState();
  if (!selectedModel) return null;
  const choice = choiceKey(selectedModel, selectedWeights);
  return evaluateOptions().some((o) => o.choice === choice) ? choice : null;
}

/** The ticked models (page's model first, each once), before runtimes make them their family's members. */
export function chosenModels(): string[] {
  const page = pageChoice();
  return [...new Set([...(page ? [page] : []), ...useStore.getState().evaluateChoice.models])];
}

/** The models to run, each as its family's member on each ticked runtime (as the Benchmark form resolves them). */
export function entrySpecs(): { choice: string; spec: ModelSpec }[] {
  const state = useStore.getState();
  const { models: choices } = modelsOnRuntimes(chosenModels(), state.evaluateChoice.runtimes, (key, runtime) => memberOfOn(state, key, runtime));
  return choices.flatMap((choice) => {
    const { id, weights } = parseChoice(choice);
    const spec = isAvailable(id) ? specFor(id, weights) : null;
    return spec ? [{ choice, spec }] : [];
  });
}

/** The backends ticked, or the engine's own when none has been; the engine's first, so the first entries need no switch. */
export function entryBackends(): (BackendName | null)[] {
  const { evaluateChoice, engine } = useStore.getState();
  const current = engine?.backend ?? null;
  if (evaluateChoice.backends === null) return [current];
  return [...evaluateChoice.backends].sort((a, b) => Number(b === current) - Number(a === current));
}

export interface EntryPlan {
  choice: string;
  spec: ModelSpec;
  /** null: whatever the engine is on (it has not started yet). */
  backend: BackendName | null;
  /** How failures name it: the choice, with the backend when there are several. */
  label: string;
}

/** Entries × backends, grouped by backend so the engine switches once per backend. */
export function entryPlan(): EntryPlan[] {
  const backends = entryBackends();
  return backends.flatMap((backend) =>
    entrySpecs().map(({ choice, spec }) => ({ choice, spec, backend, label: backends.length > 1 && backend ? `${choice} on ${backend}` : choice })),
  );
}
