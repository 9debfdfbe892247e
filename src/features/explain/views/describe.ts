/** Words for an explanation: the method's name, and the line under the overlay. */
import type { ExplainMethod, Explanation } from '@/features/explain/shared/messages';

export const METHOD_NAMES: Record<ExplainMethod | 'auto', string> = {
  auto: 'Best for the model',
  gradcam: 'Grad-CAM',
  occlusion: 'Occlusion',
};

export function explanationLine(explanation: Explanation): string {
  const where = explanation.method === 'gradcam' && explanation.gradcamAt ? ` at ${explanation.gradcamAt.split('/').slice(-2).join('/')}` : '';
  return `${METHOD_NAMES[explanation.method]}${where} · ${explanation.ms.toFixed(0)} ms`;
}

/** Said when occlusion ran because Grad-CAM could not. */
export function fallbackNote(explanation: Explanation, asked: ExplainMethod | 'auto'): string | null {
  if (explanation.method !== 'occlusion' || !explanation.gradcamProblem) return null;
  return `${asked === 'gradcam' ? 'Grad-CAM was asked for, but' : 'Grad-CAM is not available:'} ${explanation.gradcamProblem}; occlusion was used.`;
}
