import { useStore } from '@/app/store';
import { explainClass } from '@/features/explain/client/explainActions';
import type { Prediction } from '@/engine/shared/types';
import './explain.css';

/** A crosshair: "where in the image". Drawn, not a font glyph, so it looks the same everywhere. */
function WhereIcon() {
  return (
    <svg className="explain-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="8" r="1.25" fill="currentColor" />
      <path d="M8 0.5v3M8 12.5v3M0.5 8h3M12.5 8h3" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The Explain control of one prediction row: a heatmap of where that class's evidence lies. Small
 * and quiet (an icon beside the row's bar, never over it), it grows on hover and focus; explaining
 * the second class is how a person sees where the second object is, so every row keeps one.
 */
export function ExplainButton({ cardKey, prediction }: { cardKey: string; prediction: Prediction }) {
  // This row's class is the one the card explains (or is explaining): the control says so, lit.
  const state = useStore((s) => {
    const entry = s.explanations[cardKey];
    if (!entry || entry.classIndex !== prediction.classIndex || entry.label !== prediction.label) return 'none';
    return entry.status === 'running' ? 'running' : 'shown';
  });
  const running = state === 'running';
  const name = prediction.label.split(',')[0] ?? prediction.label;
  return (
    <button
      type="button"
      className="explain-button"
      data-testid="explain"
      aria-label={`Explain ${name}`}
      title={`Explain: where is the evidence for "${name}" in the image?`}
      aria-busy={running}
      data-shown={state === 'shown' ? '' : undefined}
      onClick={() => void explainClass(cardKey, { classIndex: prediction.classIndex, label: prediction.label })}
    >
      <WhereIcon />
    </button>
  );
}
