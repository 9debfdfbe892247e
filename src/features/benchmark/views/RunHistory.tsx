import { useEffect } from 'react';
import { useStore } from '@/app/store';
import { downloadBench, loadBenchHistory, removeBenchRun, setBenchCompare, showBenchRun } from '@/features/benchmark/client/benchmarkActions';
import { RunCompare } from './RunCompare';

/** Runs saved in this browser (IndexedDB): reopen, export, delete, or pick two to compare. */
export function RunHistory() {
  const history = useStore((s) => s.benchHistory);
  const compare = useStore((s) => s.benchCompare);
  const running = useStore((s) => s.benchStatus === 'running');
  useEffect(() => {
    void loadBenchHistory();
  }, []);
  if (history.length === 0) return <p className="muted">Saved runs appear here, kept in this browser.</p>;
  return (
    <section className="bench-history">
      <h2>Saved runs</h2>
      <table className="bench-table" data-testid="bench-history">
        <thead>
          <tr>
            <th title="compare: run A">A</th>
            <th title="compare: run B">B</th>
            <th>when</th>
            <th>what</th>
            <th>status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.map((run) => (
            <tr key={run.id} data-testid="bench-history-item" data-run-id={run.id}>
              <td>
                <input
                  type="radio"
                  name="compare-a"
                  aria-label="compare as A"
                  data-testid="bench-compare-a"
                  checked={compare.a === run.id}
                  onChange={() => setBenchCompare('a', run.id)}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="compare-b"
                  aria-label="compare as B"
                  data-testid="bench-compare-b"
                  checked={compare.b === run.id}
                  onChange={() => setBenchCompare('b', run.id)}
                />
              </td>
              <td>{new Date(run.startedAt).toLocaleString()}</td>
              <td>
                {run.config.kind === 'methods' ? 'methods' : 'sweep'} · {run.config.models.join(', ')} · {run.config.backends.join(', ')} · batch{' '}
                {run.config.batches.join(', ')}
              </td>
              <td>{run.status}</td>
              <td className="row-actions">
                <button type="button" disabled={running} onClick={() => showBenchRun(run.id)}>
                  Open
                </button>
                <button type="button" onClick={() => downloadBench(run, 'json')}>
                  JSON
                </button>
                <button type="button" onClick={() => downloadBench(run, 'csv')}>
                  CSV
                </button>
                <button type="button" onClick={() => void removeBenchRun(run.id)} aria-label="delete this run">
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RunCompare />
    </section>
  );
}
