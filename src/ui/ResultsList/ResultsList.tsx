import { useStore } from '../../store';
import { clearResults } from '../../store/actions';
import { resultsDocument } from '../../lib/resultsJson';
import { downloadText } from '../../store/download';
import { ResultCard } from '../ResultCard/ResultCard';

/** All result cards, newest first, with the run's timing and a JSON export. */
export function ResultsList() {
  const cards = useStore((s) => s.cards);
  const run = useStore((s) => s.run);
  if (cards.length === 0) return null;
  const failed = cards.filter((c) => c.status === 'error').length;

  const exportJson = (): void => {
    const { selectedModel, engine } = useStore.getState();
    const doc = resultsDocument(selectedModel, engine, cards.map((c) => c.item));
    downloadText(`lumen-results-${Date.now()}.json`, JSON.stringify(doc, null, 2), 'application/json');
  };

  return (
    <section className="results">
      <div className="results-bar">
        <p
          data-testid="run-summary"
          data-first-ms={run?.firstResultMs ?? ''}
          data-total-ms={run?.totalMs ?? ''}
          data-done={run?.done ?? 0}
          data-total={run?.total ?? 0}
        >
          {run && (
            <>
              {run.done} of {run.total} done
              {run.firstResultMs !== null && ` · first result ${run.firstResultMs.toFixed(0)} ms`}
              {run.totalMs !== null && ` · all in ${run.totalMs.toFixed(0)} ms`}
            </>
          )}
          {failed > 0 && <span className="error"> · {failed} could not be read</span>}
        </p>
        <button type="button" data-testid="export-json" onClick={exportJson}>
          Download JSON
        </button>
        <button type="button" onClick={clearResults}>
          Clear
        </button>
      </div>
      <div className="grid">
        {cards.map((card) => (
          <ResultCard key={card.key} card={card} />
        ))}
      </div>
    </section>
  );
}
