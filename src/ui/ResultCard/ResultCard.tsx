import { memo } from 'react';
import type { ResultCard as Card } from '../../store';

const percent = (p: number): string => `${(p * 100).toFixed(p >= 0.1 ? 1 : 2)}%`;

/**
 * One image: thumbnail, top-k bars, and how long the model took. Memoised: a drop of hundreds
 * streams one result at a time, and only the card that changed should re-render.
 */
export const ResultCard = memo(function ResultCard({ card }: { card: Card }) {
  const item = card.item;
  return (
    <article className={`card card-${card.status}`} data-testid="result" data-file={card.name} data-status={card.status === 'pending' ? 'pending' : card.status}>
      {card.status === 'error' ? (
        <div className="thumb thumb-missing" aria-hidden="true">?</div>
      ) : (
        <img className="thumb" src={card.thumbUrl} alt="" loading="lazy" />
      )}
      <div className="card-body">
        <h3 title={card.name}>{card.name}</h3>
        {card.status === 'pending' && <p className="muted">classifying…</p>}
        {item?.status === 'error' && (
          <p className="error" data-testid="result-error" role="alert">
            {item.error.message}
          </p>
        )}
        {item?.status === 'ok' && (
          <>
            <ol className="bars">
              {item.predictions.map((p, rank) => (
                <li key={`${rank}-${p.classIndex}`} data-testid="prediction" data-class-index={p.classIndex ?? ''} data-probability={p.probability}>
                  <span className="bar" style={{ width: `${Math.max(0.5, p.probability * 100)}%` }} />
                  <span className="bar-label">{p.label.split(',')[0]}</span>
                  <span className="bar-value">{percent(p.probability)}</span>
                </li>
              ))}
            </ol>
            <p className="muted timing" title={`decode ${item.decodeMs.toFixed(1)} ms · preprocess ${item.preprocessMs.toFixed(1)} ms`}>
              {(item.batchMs / item.batchSize).toFixed(1)} ms per image · batch of {item.batchSize} in {item.batchMs.toFixed(0)} ms · {item.width}×{item.height}
            </p>
          </>
        )}
      </div>
    </article>
  );
});
