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

/** What to explain, outside a result card too: the key its explanation is kept under, the original file, and the model. */
export interface ExplainSubject {
  key: string;
  file: File;
  name: string;
  spec: ModelSpec;
}

/**
 * Explains one class of one image with one model, in the engine worker, kept under the subject's
 * key; a new request for the key replaces the one running for it. Evaluate's mistakes gallery
 * explains with the entry's own model this way; a card explains with the selection's.
 */
export async function explainImage(
  subject: ExplainSubject,
  target: { classIndex: number | null; label: string },
  method?: ExplainMethod | 'auto',
): Promise<void> {
  const state = useStore.getState();
  const previous = state.explanations[subject.key];
  const chosen = method ?? previous?.method ?? 'auto';
  if (previous?.status === 'running') getEngine().cancel(previous.requestId);
  const handle = getEngine().explain({
    model: subject.spec,
    image: { name: subject.name, kind: 'blob', blob: subject.file },
    classIndex: target.classIndex,
    label: target.label,
    method: chosen,
  });
  const entry: ExplainEntry = {
    ...target,
    method: chosen,
    status: 'running',
    requestId: handle.id,
    modelName: subject.spec.name,
    backend: state.engine?.backend ?? null,
    // The previous heatmap stays until the new one arrives (it is marked as updating).
    explanation: previous?.explanation ?? null,
    error: null,
    visible: previous?.visible ?? true,
    opacity: previous?.opacity ?? DEFAULT_OVERLAY_OPACITY,
  };
  useStore.setState((s) => ({ explanations: { ...s.explanations, [subject.key]: entry } }));
  try {
    const explanation = await handle.result;
    patch(subject.key, handle.id, { status: 'done', explanation, backend: useStore.getState().engine?.backend ?? entry.backend });
  } catch (error) {
    if (isCancelled(error)) return;
    patch(subject.key, handle.id, { status: 'error', error: message(error) });
  }
}

export async function explainClass(cardKey: string, target: { classIndex: number | null; label: string }, method?: ExplainMethod | 'auto'): Promise<void> {
  const state = useStore.getState();
  const card = state.cards.find((c) => c.key === cardKey);
  const chosen = method ?? state.explanations[cardKey]?.method ?? 'auto';
  const spec = explainingSpec(chosen);
  if (!card || !spec) return;
  await explainImage({ key: cardKey, file: card.file, name: card.name, spec }, target, chosen);
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
