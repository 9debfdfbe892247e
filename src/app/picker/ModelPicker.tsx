import { useStore, MAX_K } from '@/app/store';
import { changeBackend, selectModel, setK } from '@/app/store/actions';
import { WeightsChoice } from './WeightsChoice';
import { BACKENDS, isBackendName } from '@/engine/shared/types';
import { useEffect } from 'react';
import { loadTaughtModels } from '@/features/teach/client/teachModels';
import { useTaughtStore } from '@/features/teach/client/taughtStore';

/** Which of the page's choices a view shows beside the model itself. */
export interface PickerFields {
  weights?: boolean;
  k?: boolean;
  backend?: boolean;
}

/** The page's model (catalog, Your models, Taught models), and where a view uses them its weights, k and backend. */
export function ModelPicker({ weights = false, k: showK = false, backend = false }: PickerFields) {
  const catalog = useStore((s) => s.catalog);
  const installed = useStore((s) => s.installed);
  const selected = useStore((s) => s.selectedModel);
  const k = useStore((s) => s.k);
  const requested = useStore((s) => s.requestedBackend);
  const customModels = useStore((s) => s.customModels);
  const taughtModels = useTaughtStore((s) => s.models);
  useEffect(() => void loadTaughtModels(), []);
  const model = catalog?.models.find((m) => m.id === selected);

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
      {weights && <WeightsChoice model={model ?? null} />}
      {showK && (
        <label>
          Top-k
          <input data-testid="topk-input" type="number" min={1} max={MAX_K} value={k} onChange={(e) => setK(Number(e.target.value))} />
        </label>
      )}
      {backend && (
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
      )}
    </div>
  );
}
