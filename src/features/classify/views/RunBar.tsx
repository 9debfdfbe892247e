import { useMemo } from 'react';
import { useStore, type ResultCard, type RunState } from '@/app/store';
import { cancelRun, clearResults } from '@/features/classify/client/classifyActions';
import { resultsDocument } from '@/features/classify/client/resultsJson';
import { downloadText } from '@/browser/download';
import { progressText, summariseRun } from '@/features/classify/client/runSummary';

/**
 * The run's progress (derived from its cards), what failed, and the run's controls. The data-*
 * attributes are read by the e2e tests and the headless tools: keep their names.
 */
export function RunBar({ cards, run }: { cards: readonly ResultCard[]; run: RunState | null }) {
  const summary = useMemo(() => summariseRun(cards, run), [cards, run]);

  const exportJson = (): void => {
    const { selectedModel, engine } = useStore.getState();
    const doc = resultsDocument(
      selectedModel,
      engine,
      cards.map((c) => c.item),
    );
    downloadText(`lumen-results-${Date.now()}.json`, JSON.stringify(doc, null, 2), 'application/json');
  };

  return (
    <div className="results-bar">
      <div className="run-status">
        <p
          data-testid="run-summary"
          data-first-ms={summary.firstResultMs ?? ''}
          data-total-ms={summary.totalMs ?? ''}
          data-done={summary.done}
          data-total={summary.total}
          data-failed={summary.failed}
          data-cancelled={summary.cancelled}
          aria-live="polite"
        >
          {progressText(summary)}
          {summary.failed > 0 && <span className="error"> · {summary.failed} could not be read</span>}
          {summary.cancelled > 0 && <span> · {summary.cancelled} cancelled</span>}
        </p>
        {summary.total > 0 && summary.done < summary.total && (
          <progress className="run-progress" max={summary.total} value={summary.done} aria-label="Classified so far" />
        )}
      </div>
      {summary.pending > 0 && (
        <button type="button" data-testid="cancel-run" onClick={cancelRun}>
          Cancel
        </button>
      )}
      <button type="button" data-testid="export-json" onClick={exportJson}>
        Download JSON
      </button>
      <button type="button" data-testid="clear-results" onClick={clearResults}>
        Clear
      </button>
    </div>
  );
}
