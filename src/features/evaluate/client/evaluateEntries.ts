/**
 * Which entries an evaluation runs: the page's selected model (the model bar) first, then each
 * model the person ticked, as (model, weights) choices like Compare's (`id` or `id:float16`).
 * Only installed ImageNet catalog models: Evaluate scores in ImageNet's Keras class space.
 */
import { useStore } from '@/app/store/index';
import { isAvailable, specFor } from '@/app/store/modelRegistry';
import type { ModelSpec } from '@/engine/shared/types';
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

/** The entries to run, page's model first, each once. */
export function entrySpecs(): { choice: string; spec: ModelSpec }[] {
  const page = pageChoice();
  const choices = [...new Set([...(page ? [page] : []), ...useStore.getState().evaluateChoice.models])];
  return choices.flatMap((choice) => {
    const { id, weights } = parseChoice(choice);
    const spec = isAvailable(id) ? specFor(id, weights) : null;
    return spec ? [{ choice, spec }] : [];
  });
}
