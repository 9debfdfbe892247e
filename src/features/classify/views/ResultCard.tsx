import { formatProbability } from '@/shared/format';
import { memo } from 'react';
import type { ResultCard as Card } from '@/app/store';
import { removeCard } from '@/features/classify/client/classifyActions';
import { CardPath } from './CardPath';
import { ExplainButton } from '@/features/explain/views/ExplainButton';
import { ExplainPanel } from '@/features/explain/views/ExplainPanel';

/** The worker's small thumbnail, or a placeholder: never the full-size original (see ResultCard.thumbUrl). */
function Thumbnail({ card }: { card: Card }) {
  if (card.thumbUrl) return <img className="thumb" src={card.thumbUrl} alt="" />;
  const mark =
    card.status === 'error'
      ? '?'
      : card.status === 'pending'
        ? ''
        : card.name.slice(card.name.lastIndexOf('.') + 1, card.name.lastIndexOf('.') + 5).toUpperCase();
  return (
    <div className={`thumb thumb-placeholder thumb-${card.status}`} aria-hidden="true">
      {mark}
    </div>
  );
}

/**
 * The predictions worth a row: the top one always, then those above exactly 0. A quantized
 * (uint8) output gives most classes exactly 0, and their order among themselves means nothing.
 */
function shownPredictions<P extends { probability: number }>(predictions: readonly P[]): readonly P[] {
  return predictions.filter((p, rank) => rank === 0 || p.probability > 0);
}

/**
 * One image: thumbnail, top-k bars, and how long the model took. Memoised: a drop of hundreds
 * streams results in coalesced updates, and only the cards that changed should re-render.
 */
export const ResultCard = memo(function ResultCard({ card }: { card: Card }) {
  const item = card.item;
  const cancelled = item?.status === 'error' && item.error.code === 'cancelled';
  return (
    <article className={`card card-${card.status}`} data-testid="result" data-file={card.name} data-status={card.status}>
      <Thumbnail card={card} />
      <div className="card-body">
        <div className="card-head">
          <CardPath path={card.name} />
          <button type="button" className="card-remove" aria-label={`Remove ${card.name}`} title="Remove" onClick={() => removeCard(card.key)}>
            ×
          </button>
        </div>
        {card.status === 'pending' && <p className="muted">classifying…</p>}
        {item?.status === 'error' && (
          <p className={cancelled ? 'muted' : 'error'} data-testid="result-error" role={cancelled ? undefined : 'alert'}>
            {item.error.message}
          </p>
        )}
        {item?.status === 'ok' && (
          <>
            <ol className="bars">
              {shownPredictions(item.predictions).map((p, rank) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: rank is the row's identity in a top-k list
                  key={`${rank}-${p.classIndex}`}
                  className="prediction-row"
                  data-testid="prediction"
                  data-class-index={p.classIndex ?? ''}
                  data-probability={p.probability}
                >
                  {/* The bar is drawn in its own track, so a long bar stops short of the row's Explain control. */}
                  <span className="bar-track">
                    <span className="bar" style={{ width: `${Math.max(0.5, p.probability * 100)}%` }} />
                    <span className="bar-label">{p.label.split(',')[0]}</span>
                    <span className="bar-value">{formatProbability(p.probability)}</span>
                  </span>
                  <ExplainButton cardKey={card.key} prediction={p} />
                </li>
              ))}
            </ol>
            {shownPredictions(item.predictions).length < item.predictions.length && (
              <p className="muted" data-testid="predictions-zero">
                every other class: 0 % (a quantized model's output)
              </p>
            )}
            <p className="muted timing" title={`decode ${item.decodeMs.toFixed(1)} ms · preprocess ${item.preprocessMs.toFixed(1)} ms`}>
              {(item.batchMs / item.batchSize).toFixed(1)} ms per image · batch of {item.batchSize} in {item.batchMs.toFixed(0)} ms · {item.width}×{item.height}
            </p>
            <ExplainPanel card={card} />
          </>
        )}
      </div>
    </article>
  );
});
