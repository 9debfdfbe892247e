import { useStore } from '@/app/store';
import { ResultCard } from './ResultCard';
import { RunBar } from './RunBar';
import { SkippedLine } from './SkippedLine';
import { useIncrementalCount } from './useIncrementalCount';
import './classify.css';

/**
 * All result cards, newest first, with the run's progress and a JSON export. Rendered a step at a
 * time (see useIncrementalCount): a drop of hundreds keeps the page responsive.
 */
export function ResultsList() {
  const cards = useStore((s) => s.cards);
  const run = useStore((s) => s.run);
  const skipped = useStore((s) => s.skipped);
  const { count, sentinel } = useIncrementalCount(cards.length);
  if (cards.length === 0 && skipped.notImages.length + skipped.unreadable.length === 0) return null;

  return (
    <section className="results" data-testid="results" data-rendered={count} data-cards={cards.length}>
      <RunBar cards={cards} run={run} />
      <SkippedLine skipped={skipped} />
      <div className="results-grid">
        {cards.slice(0, count).map((card) => (
          <ResultCard key={card.key} card={card} />
        ))}
      </div>
      {count < cards.length && (
        <p ref={sentinel} className="results-more muted" data-testid="results-more">
          {cards.length - count} more below…
        </p>
      )}
    </section>
  );
}
