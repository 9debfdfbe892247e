/**
 * Reports from other devices, side by side: import several exported Evaluate reports (the view's
 * Export JSON, `npm run eval -- --data … --json`, fleet reports with devices[]) and read one table
 * of device × entry and one accuracy–latency chart with a series per device. Nothing is uploaded:
 * the files are read in this page.
 */
import { useStore } from '@/app/store';
import { clearEvaluateImports, importEvaluateReports } from '@/features/evaluate/client/evaluateImportActions';
import { DeviceChart } from './DeviceChart';
import { DeviceTable } from './DeviceTable';
import './history.css';

export function ReportImport() {
  const devices = useStore((s) => s.evaluateImported);
  const errors = useStore((s) => s.evaluateImportErrors);
  return (
    <section className="zoo-card evaluate-import" aria-labelledby="evaluate-import-title">
      <h3 id="evaluate-import-title">Across devices</h3>
      <p className="muted">
        Import Evaluate reports (JSON) exported on other devices, or written by a fleet run, to compare them here. The files stay in this page.
      </p>
      <div className="zoo-form evaluate-import-controls">
        <label className="evaluate-folder">
          Reports{' '}
          <input
            type="file"
            accept=".json,application/json"
            multiple
            data-testid="evaluate-import-input"
            onChange={(e) => {
              void importEvaluateReports(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>
        {devices.length > 0 && (
          <button type="button" data-testid="evaluate-import-clear" onClick={clearEvaluateImports}>
            Clear imports
          </button>
        )}
      </div>
      {errors.length > 0 && (
        <div role="alert">
          <ul className="error evaluate-failures">
            {errors.map((message) => (
              <li key={message} data-testid="evaluate-import-error">
                {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {devices.length > 0 && (
        <>
          <DeviceChart devices={devices} />
          <DeviceTable devices={devices} />
        </>
      )}
    </section>
  );
}
