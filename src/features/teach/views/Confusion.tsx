import type { TeachOutcome } from '@/features/teach/client/teachState';

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(0)} %`);

/** Held-out accuracy and the confusion matrix (rows: true class, columns: predicted). */
export function Confusion({ result }: { result: TeachOutcome }) {
  const { accuracy, confusion } = result.evaluation;
  return (
    <div className="teach-result">
      <p>
        Held-out accuracy{' '}
        <strong className="zoo-big" data-testid="teach-accuracy" data-accuracy={accuracy ?? ''}>
          {pct(accuracy)}
        </strong>{' '}
        <span className="muted">
          on {result.testCount} image{result.testCount === 1 ? '' : 's'} held apart ({result.trainCount} taught) · {result.method === 'knn' ? 'kNN' : 'dense'}{' '}
          head taught in {result.trainMs.toFixed(0)} ms
        </span>
      </p>
      {result.testCount === 0 && <p className="muted">No image is held apart yet: add more images per class to see how well it generalises.</p>}
      <table className="zoo-table teach-confusion" data-testid="teach-confusion">
        <caption className="muted">Rows: the true class · columns: what the model said</caption>
        <thead>
          <tr>
            <th scope="col">true \ predicted</th>
            {result.classes.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.classes.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {(confusion[i] ?? []).map((n, j) => (
                <td key={result.classes[j]} className={i === j ? 'teach-diagonal' : n > 0 ? 'teach-off' : ''}>
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
