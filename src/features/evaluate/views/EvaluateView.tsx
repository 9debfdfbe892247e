/**
 * Evaluate (issue 18): how right each model is on the person's own labelled folder, how sure it is
 * when right (calibration), how that holds under corruptions, and at what speed on this device.
 */
import { useStore } from '@/app/store';
import { exportEvaluateCsv, exportEvaluateJson } from '@/features/evaluate/client/evaluateExport';
import { EntryResult } from './EntryResult';
import { EvaluateForm } from './EvaluateForm';
import { ParetoChart } from './ParetoChart';
import { ReportImport } from './ReportImport';
import { SavedRuns } from './SavedRuns';
import '@/app/styles/zoo.css';
import './evaluate.css';

export function EvaluateView() {
  const run = useStore((s) => s.evaluateRun);
  const entries = run?.entries ?? [];
  return (
    <section className="zoo-view evaluate-view" data-testid="evaluate-view">
      <EvaluateForm />
      {run && run.failures.length > 0 && (
        <ul className="error evaluate-failures" role="alert">
          {run.failures.map((f) => (
            <li key={f.id} data-testid="evaluate-failure" data-entry={f.id}>
              {f.id}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <div className="zoo-form">
          <button type="button" data-testid="evaluate-export-json" onClick={exportEvaluateJson}>
            Export JSON
          </button>
          <button type="button" data-testid="evaluate-export-csv" onClick={exportEvaluateCsv}>
            Per-class CSV
          </button>
        </div>
      )}
      {entries.length > 1 && <ParetoChart entries={entries} />}
      {entries.map((entry) => (
        <EntryResult key={entry.entry} entry={entry} />
      ))}
      <SavedRuns />
      <ReportImport />
    </section>
  );
}
