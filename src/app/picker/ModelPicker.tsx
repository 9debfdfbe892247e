import { useStore, MAX_K } from '@/app/store';
import { changeBackend, selectModel, setK } from '@/app/store/actions';
import { WeightsChoice } from './WeightsChoice';
import { BACKENDS, isBackendName } from '@/engine/shared/types';
import { useEffect } from 'react';
import { loadTaughtModels } from '@/features/teach/client/teachModels';
import { useTaughtStore } from '@/features/teach/client/taughtStore';

/** Model, k and backend: the three choices that decide what a drop computes. */
export function ModelPicker() {
  const catalog = useStore((s) => s.catalog);
  const installed = useStore((s) => s.installed);
  const selected = useStore((s) => s.selectedModel);
  const k = useStore((s) => s.k);
  const requested = useStore((s) => s.requestedBackend);
  const status = useStore((s) => s.modelStatus);
  const progress = useStore((s) => s.modelProgress);
  const customModels = useStore((s) => s.customModels);
  const cacheProblem = useStore((s) => (s.modelStatus === 'ready' ? (s.modelInfo?.cacheProblem ?? null) : null));
  const taughtModels = useTaughtStore((s) => s.models);
  useEffect(() => void loadTaughtModels(), []);
  const taught = taughtModels.find((m) => m.id === selected);
  const model = catalog?.models.find((m) => m.id === selected);
  const custom = customModels.find((m) => m.id === selected);

  return (
    <div className="picker">
      <label>
        Model
        <select data-testid="model-select" value={selected ?? ''} onChange={(e) => void selectModel(e.target.value)}>
          {catalog?.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {installed[m.id]?.online ? ' (online)' : installed[m.id] ? '' : installed[m.id] === null ? ' (not installed)' : ''}
            </option>
          ))}
          {customModels.length > 0 && (
            <optgroup label="Your models">
              {customModels.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          )}
          {taughtModels.length > 0 && (
            <optgroup label="Taught models">
              {taughtModels.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.meta.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <WeightsChoice model={model ?? null} />
      <label>
        Top-k
        <input data-testid="topk-input" type="number" min={1} max={MAX_K} value={k} onChange={(e) => setK(Number(e.target.value))} />
      </label>
      <label>
        Backend
        <select
          data-testid="backend-select"
          value={requested ?? 'auto'}
          onChange={(e) => void changeBackend(isBackendName(e.target.value) ? e.target.value : null)}
        >
          <option value="auto">automatic</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <p className="model-line" data-testid="model-status" data-status={status}>
        {model && (
          <>
            <strong>{model.architecture}</strong> · {model.preprocessing} preprocessing · {model.classes} classes · {model.license}
            {status === 'loading' && <span className="loading"> · loading {Math.round(progress * 100)}%</span>}
          </>
        )}
        {custom && (
          <>
            <strong>your model</strong> · {custom.settings.preprocessing} preprocessing · {custom.settings.classes} classes
            {status === 'loading' && <span className="loading"> · loading {Math.round(progress * 100)}%</span>}
          </>
        )}
        {taught && (
          <>
            <strong>taught model</strong> · {taught.meta.method === 'knn' ? 'kNN' : 'dense'} head on {taught.meta.base.name} · {taught.meta.labels.length}{' '}
            classes
            {status === 'loading' && <span className="loading"> · loading {Math.round(progress * 100)}%</span>}
          </>
        )}
        {cacheProblem && (
          <span className="badge-note" data-testid="cache-problem" role="status">
            {' '}
            · {cacheProblem}
          </span>
        )}
      </p>
    </div>
  );
}
