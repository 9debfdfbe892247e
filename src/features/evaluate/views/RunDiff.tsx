/** Two saved runs, entry by entry: each Δ is B − A, and whether the top-1 change is beyond both runs' 95 % intervals. */
import { useStore } from '@/app/store';
import { diffRuns, type EntryDiff } from '@/features/evaluate/shared/evaluateDiff';
import { percent } from './charts';
import { whenSaved } from './savedWhen';

/** A change in accuracy in percentage points, signed; "0.0 pt" for none. */
const points = (delta: number | null): string => {
  if (delta === null) return '—';
  const shown = (delta * 100).toFixed(1);
  return Number(shown) === 0 ? '0.0 pt' : `${delta > 0 ? '+' : ''}${shown} pt`;
};

const milliseconds = (delta: number | null): string => (delta === null ? '—' : `${delta > 0 ? '+' : ''}${delta.toFixed(2)} ms`);

function verdictText(row: EntryDiff): string {
  if (!row.a) return 'only in B';
  if (!row.b) return 'only in A';
  if (row.verdict === null) return 'nothing scored';
  return row.verdict === 'outside-both' ? 'outside both 95 % intervals' : 'within noise';
}

function DiffRow({ row }: { row: EntryDiff }) {
  return (
    <tr
      data-testid="evaluate-diff-row"
      data-entry={row.entry}
      data-dtop1={row.dTop1 ?? ''}
      data-dtop5={row.dTop5 ?? ''}
      data-dece={row.dEce ?? ''}
      data-dlatency-ms={row.dLatencyMs ?? ''}
      data-verdict={row.verdict ?? ''}
    >
      <td className="mono evaluate-diff-entry">{row.entry}</td>
      <td className="num">
        {percent(row.a?.top1)} → {percent(row.b?.top1)}
      </td>
      <td className="num">{points(row.dTop1)}</td>
      <td className="num">{points(row.dTop5)}</td>
      <td className="num">{points(row.dEce)}</td>
      <td className="num">{milliseconds(row.dLatencyMs)}</td>
      <td className={row.verdict === 'outside-both' ? 'evaluate-diff-real' : 'muted'}>{verdictText(row)}</td>
    </tr>
  );
}

export function RunDiff() {
  const { a, b } = useStore((s) => s.evaluateDiffPick);
  const runA = useStore((s) => s.evaluateSaved.find((r) => r.id === a));
  const runB = useStore((s) => s.evaluateSaved.find((r) => r.id === b));
  if (!runA || !runB) return <p className="muted">Pick a run as A and another as B to diff them.</p>;
  const rows = diffRuns(runA.report.entries, runB.report.entries);
  return (
    <div className="evaluate-diff">
      {runA.id === runB.id && <p className="muted">A and B are the same run.</p>}
      {runA.folder !== runB.folder && (
        <p className="warn">
          The runs were on different folders ({runA.folder}, {runB.folder}): their accuracies need not agree.
        </p>
      )}
      <p className="muted evaluate-diff-note">
        Each Δ is B − A. A top-1 change counts only when each run’s top-1 lies outside the other’s Wilson 95 % interval; otherwise it is within noise.
      </p>
      <div className="evaluate-table-wrap">
        <table className="zoo-table evaluate-diff-table" data-testid="evaluate-diff" data-a={runA.id} data-b={runB.id}>
          <caption>
            A: {whenSaved(runA.savedAt)} · B: {whenSaved(runB.savedAt)}
          </caption>
          <thead>
            <tr>
              <th>entry</th>
              <th className="num">top-1 A → B</th>
              <th className="num">Δ top-1</th>
              <th className="num">Δ top-5</th>
              <th className="num">Δ ECE</th>
              <th className="num" title="per image: above 0 means B was slower">
                Δ latency
              </th>
              <th>top-1 change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <DiffRow key={row.entry} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
