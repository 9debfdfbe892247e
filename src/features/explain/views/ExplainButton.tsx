import { useStore } from '@/app/store';
import { explainClass } from '@/features/explain/client/explainActions';
import type { Prediction } from '@/engine/shared/types';
import './explain.css';

/** The Explain control of one prediction row: a heatmap of where that class's evidence lies. */
export function ExplainButton({ cardKey, prediction }: { cardKey: string; prediction: Prediction }) {
  const running = useStore((s) => {
    const entry = s.explanations[cardKey];
    return entry?.status === 'running' && entry.classIndex === prediction.classIndex && entry.label === prediction.label;
  });
  const name = prediction.label.split(',')[0] ?? prediction.label;
  return (
    <button
      type="button"
      className="explain-button"
      data-testid="explain"
      aria-label={`Explain ${name}: where is its evidence in the image?`}
      title={`Where is the evidence for "${name}"?`}
      aria-busy={running}
      onClick={() => void explainClass(cardKey, { classIndex: prediction.classIndex, label: prediction.label })}
    >
      {running ? '…' : 'Explain'}
    </button>
  );
}
