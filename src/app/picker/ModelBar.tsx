import { EnginePanel } from './EnginePanel';
import { ModelLine, ModelSummary } from './ModelLine';
import { ModelPicker } from './ModelPicker';

/**
 * How much of the page's model bar a view shows:
 * - `run`: the view computes with the page's model (Classify, Live; Explain works on Classify's
 *   cards): model, weights, top-k, backend, and one line on what runs;
 * - `describe`: the view describes the model (Inspect): model, weights and backend, no top-k;
 *   its own "What ran" says at length what ran;
 * - `pick`: the view adds a model to the picker and selects it (Your model): the picker shows it
 *   arrive and lets the person switch back;
 * - `folded`: the view chooses its own models or base (Compare, Benchmark, Teach): one line saying
 *   which model Classify uses, the full picker behind it.
 */
export type ModelBarMode = 'run' | 'describe' | 'pick' | 'folded';

/** The page's model choices as the active view needs them, and the page's errors on every view. */
export function ModelBar({ mode }: { mode: ModelBarMode }) {
  return (
    <>
      {mode === 'folded' ? (
        <details className="model-bar-folded" data-testid="model-bar-folded">
          <summary>
            <ModelSummary />
          </summary>
          <ModelPicker weights k backend />
        </details>
      ) : (
        <>
          <ModelPicker weights={mode !== 'pick'} k={mode === 'run'} backend={mode !== 'pick'} />
          <ModelLine />
        </>
      )}
      <EnginePanel running={mode === 'run'} />
    </>
  );
}
