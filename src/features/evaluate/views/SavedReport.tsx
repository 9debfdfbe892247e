/** A saved run's report, opened from the list: the same cards as a run just finished, read from IndexedDB. */
import { useStore } from '@/app/store';
import { openSavedEvaluate } from '@/features/evaluate/client/evaluateHistoryActions';
import { EntryResult } from './EntryResult';
import { ParetoChart } from './ParetoChart';
import { whenSaved } from './savedWhen';

export function SavedReport() {
  const run = useStore((s) => s.evaluateSaved.find((r) => r.id === s.evaluateOpenedId));
  if (!run) return null;
  const { entries } = run.report;
  return (
    <section className="evaluate-opened" data-testid="evaluate-opened-run" data-id={run.id} aria-labelledby="evaluate-opened-title">
      <div className="evaluate-opened-head">
        <h4 id="evaluate-opened-title">
          Saved run: {run.folder}, {whenSaved(run.savedAt)}
        </h4>
        <button type="button" data-testid="evaluate-opened-close" onClick={() => openSavedEvaluate(null)}>
          Close
        </button>
      </div>
      {entries.length > 1 && <ParetoChart entries={entries} />}
      {entries.map((entry) => (
        <EntryResult key={entry.entry} entry={entry} />
      ))}
    </section>
  );
}
