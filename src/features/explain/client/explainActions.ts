/**
 * Explain: one worker request per click, for the card's original file (the worker decodes it as
 * classify did: the card's thumbnail is too small to explain). A new request for a card replaces
 * the one running for it.
 */
import { useStore } from '@/app/store/index';
import { selectedSpec, selectionSpec } from '@/app/store/modelRegistry';
import { runtimeOfFormat, type ModelSpec } from '@/engine/shared/types';
import { DEFAULT_OVERLAY_OPACITY, type ExplainEntry } from './explainSlice';
import { getEngine } from '@/engine/client';
import { isCancelled } from '@/shared/errors';
import type { ExplainMethod } from '@/features/explain/shared/messages';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function patch(cardKey: string, requestId: number | null, change: Partial<ExplainEntry>): void {
  useStore.setState((s) => {
    const entry = s.explanations[cardKey];
    if (!entry || (requestId !== null && entry.requestId !== requestId)) return {};
    return { explanations: { ...s.explanations, [cardKey]: { ...entry, ...change } } };
  });
}

/**
 * Grad-CAM needs TF.js's gradients: when the measured choice runs a family member (the same network
 * on ONNX Runtime or LiteRT) in place of a TF.js model, the model itself explains, and the panel
 * names it. Occlusion asked for by name runs on what runs.
 */
function explainingSpec(method: ExplainMethod | 'auto'): ModelSpec | null {
  const running = selectedSpec();
  const own = selectionSpec();
  if (method === 'occlusion' || !running || !own || own.id === running.id) return running;
  return runtimeOfFormat(own.format) === 'tfjs' && runtimeOfFormat(running.format) !== 'tfjs' ? own : running;
}

export async function explainClass(cardKey: string, target: { classIndex: number | null; label: string }, method?: ExplainMethod | 'auto'): Promise<void> {
  const state = useStore.getState();
  const card = state.cards.find((c) => c.key === cardKey);
  const previous = state.explanations[cardKey];
  const chosen = method ?? previous?.method ?? 'auto';
  const spec = explainingSpec(chosen);
  if (!card || !spec) return;
  if (previous?.status === 'running') getEngine().cancel(previous.requestId);
  const handle = getEngine().explain({
    model: spec,
    image: { name: card.name, kind: 'blob', blob: card.file },
    classIndex: target.classIndex,
    label: target.label,
    method: chosen,
  });
  const entry: ExplainEntry = {
    ...target,
    method: chosen,
    status: 'running',
    requestId: handle.id,
    modelName: spec.name,
    backend: state.engine?.backend ?? null,
    // The previous heatmap stays until the new one arrives (it is marked as updating).
    explanation: previous?.explanation ?? null,
    error: null,
    visible: previous?.visible ?? true,
    opacity: previous?.opacity ?? DEFAULT_OVERLAY_OPACITY,
  };
  useStore.setState((s) => ({ explanations: { ...s.explanations, [cardKey]: entry } }));
  try {
    const explanation = await handle.result;
    patch(cardKey, handle.id, { status: 'done', explanation, backend: useStore.getState().engine?.backend ?? entry.backend });
  } catch (error) {
    if (isCancelled(error)) return;
    patch(cardKey, handle.id, { status: 'error', error: message(error) });
  }
}

/** Another method for the class on show: explains it again. */
export function setExplainMethod(cardKey: string, method: ExplainMethod | 'auto'): void {
  const entry = useStore.getState().explanations[cardKey];
  if (entry) void explainClass(cardKey, { classIndex: entry.classIndex, label: entry.label }, method);
}

export function setOverlayVisible(cardKey: string, visible: boolean): void {
  patch(cardKey, null, { visible });
}

export function setOverlayOpacity(cardKey: string, opacity: number): void {
  patch(cardKey, null, { opacity: Math.min(1, Math.max(0, opacity)) });
}

export function openExplainZoom(cardKey: string | null): void {
  useStore.setState({ explainZoom: cardKey });
}
