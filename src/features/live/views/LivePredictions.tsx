import { formatProbability } from '@/shared/format';
import type { Prediction } from '@/engine/shared/types';

/**
 * The latest frame's top-k. Rows are keyed by class, so a class that stays in the list keeps its
 * row and its bar glides to the new width (CSS transition) instead of the list flickering.
 */
export function LivePredictions({ predictions }: { predictions: readonly Prediction[] }) {
  if (predictions.length === 0) return <p className="muted">The top classes of each frame appear here.</p>;
  return (
    <ol className="bars live-bars" aria-live="off">
      {predictions.map((p, rank) => (
        <li
          key={`${p.classIndex ?? 'x'}:${p.label}`}
          data-testid="live-prediction"
          data-class-index={p.classIndex ?? ''}
          data-rank={rank + 1}
          title={`${p.label} ${formatProbability(p.probability)}`}
        >
          <span className="bar" style={{ width: `${Math.max(0.5, p.probability * 100)}%` }} />
          <span className="bar-label">{p.label.split(',')[0]}</span>
          <span className="bar-value">{formatProbability(p.probability)}</span>
        </li>
      ))}
    </ol>
  );
}
