/** Evaluate runs saved in this browser (IndexedDB): open one's report, delete it, or pick two to diff. */
import { useEffect } from 'react';
import { useStore } from '@/app/store';
import { deleteSavedEvaluate, loadEvaluateHistory, openSavedEvaluate, pickEvaluateDiff } from '@/features/evaluate/client/evaluateHistoryActions';
import { MAX_SAVED_EVALUATIONS } from '@/features/evaluate/client/evaluateHistory';
import { savedRunSummary } from '@/features/evaluate/shared/savedRuns';
import { RunDiff } from './RunDiff';
import { SavedReport } from './SavedReport';
import { whenSaved } from './savedWhen';
import './history.css';

function SavedRunRow({ id }: { id: string }) {
  const run = useStore((s) => s.evaluateSaved.find((r) => r.id === id));
  const pick = useStore((s) => s.evaluateDiffPick);
  const opened = useStore((s) => s.evaluateOpenedId === id);
  if (!run) return null;
  const summary = savedRunSummary(run);
  const when = whenSaved(summary.savedAt);
  return (
    <tr data-testid="evaluate-saved-run" data-id={id} data-folder={summary.folder} data-entries={summary.entries} data-n={summary.n}>
      <DiffPick side="a" id={id} when={when} checked={pick.a === id} />
      <DiffPick side="b" id={id} when={when} checked={pick.b === id} />
      <td>{when}</td>
      <td className="evaluate-history-folder">{summary.folder}</td>
      <td className="num">{summary.entries}</td>
      <td className="num">{summary.n}</td>
      <td className="evaluate-history-actions">
        <button
          type="button"
          data-testid="evaluate-saved-open"
          aria-label={`${opened ? 'close' : 'open'} the run of ${when}`}
          onClick={() => openSavedEvaluate(opened ? null : id)}
        >
          {opened ? 'Close' : 'Open'}
        </button>
        <button type="button" data-testid="evaluate-saved-delete" aria-label={`delete the run of ${when}`} onClick={() => void deleteSavedEvaluate(id)}>
          Delete
        </button>
      </td>
    </tr>
  );
}

/** One run's radio for side A or B of the diff. */
function DiffPick({ side, id, when, checked }: { side: 'a' | 'b'; id: string; when: string; checked: boolean }) {
  return (
    <td>
      <input
        type="radio"
        name={`evaluate-diff-${side}`}
        aria-label={`diff: ${when} as run ${side.toUpperCase()}`}
        data-testid={`evaluate-diff-${side}`}
        checked={checked}
        onChange={() => pickEvaluateDiff(side, id)}
      />
    </td>
  );
}

export function SavedRuns() {
  const ids = useStore((s) => s.evaluateSaved.map((r) => r.id).join(' '));
  const error = useStore((s) => s.evaluateSavedError);
  useEffect(() => {
    void loadEvaluateHistory();
  }, []);
  const list = ids === '' ? [] : ids.split(' ');
  return (
    <section className="zoo-card evaluate-history" aria-labelledby="evaluate-history-title">
      <h3 id="evaluate-history-title">Saved runs</h3>
      <p className="muted">Each finished run is kept in this browser (the newest {MAX_SAVED_EVALUATIONS}), as its Export JSON report.</p>
      {error && (
        <p className="error" role="alert" data-testid="evaluate-saved-error">
          {error}
        </p>
      )}
      {list.length > 0 && (
        <div className="evaluate-table-wrap">
          <table className="zoo-table evaluate-history-table" data-testid="evaluate-history">
            <thead>
              <tr>
                <th title="diff: run A">A</th>
                <th title="diff: run B">B</th>
                <th>saved</th>
                <th>folder</th>
                <th className="num">entries</th>
                <th className="num">n</th>
                <th>
                  <span className="evaluate-hidden">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((id) => (
                <SavedRunRow key={id} id={id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.length > 0 && <RunDiff />}
      <SavedReport />
    </section>
  );
}
