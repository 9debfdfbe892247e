import { exportTaughtModel, removeTaught } from '@/features/teach/client/teachModels';
import { useTaughtStore } from '@/features/teach/client/taughtStore';
import { selectModel } from '@/app/store/actions';

/** The kept taught models: use, export (TF.js layers files + lumen-taught.json), delete. */
export function TaughtList() {
  const models = useTaughtStore((s) => s.models);
  const error = useTaughtStore((s) => s.error);
  if (models.length === 0 && !error) return null;
  return (
    <div className="zoo-card" data-testid="teach-models">
      <h3>Taught models</h3>
      {error && <p className="teach-bad">{error}</p>}
      <ul className="zoo-list">
        {models.map((m) => (
          <li key={m.id} data-testid="teach-model" className="teach-model">
            <strong>{m.meta.name}</strong>
            <span className="muted">
              {m.meta.method === 'knn' ? 'kNN' : 'dense'} on {m.meta.base.name} · {m.meta.labels.join(', ')}
            </span>
            <button type="button" onClick={() => void selectModel(m.id)}>
              Use
            </button>
            <button type="button" data-testid="teach-export" onClick={() => exportTaughtModel(m.id)}>
              Export
            </button>
            <button type="button" data-testid="teach-delete" onClick={() => void removeTaught(m.id).then((next) => next && selectModel(next.select))}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
