/** Per-class top-1 accuracy of one entry, sortable by class, image count or accuracy. */
import { useState } from 'react';
import type { EntryDocument } from '@/features/evaluate/shared/evaluateJson';
import { percent } from './charts';

type SortKey = 'classIndex' | 'n' | 'accuracy';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'classIndex', label: 'class' },
  { key: 'n', label: 'images' },
  { key: 'accuracy', label: 'top-1' },
];
const SHOWN = 50;

export function PerClassTable({ rows }: { rows: EntryDocument['perClass'] }) {
  // Worst first by default: the classes to look at.
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'accuracy', ascending: true });
  const [all, setAll] = useState(false);
  const sorted = [...rows].sort((a, b) => (sort.ascending ? 1 : -1) * (a[sort.key] - b[sort.key]) || a.classIndex - b.classIndex);
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <div className="evaluate-table-wrap">
      <table className="zoo-table" data-testid="evaluate-per-class">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  className="evaluate-sort"
                  onClick={() => setSort((s) => ({ key: c.key, ascending: s.key === c.key ? !s.ascending : true }))}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.classIndex} data-testid="evaluate-class-row" data-class-index={row.classIndex} data-accuracy={row.accuracy}>
              <td>
                <span className="muted">{row.classIndex}</span> {row.name}
              </td>
              <td>{row.n}</td>
              <td>
                {percent(row.accuracy, 0)} <span className="muted">({row.top1Correct})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN && (
        <button type="button" className="zoo-small" onClick={() => setAll((a) => !a)}>
          {all ? `Show ${SHOWN}` : `Show all ${sorted.length} classes`}
        </button>
      )}
    </div>
  );
}
