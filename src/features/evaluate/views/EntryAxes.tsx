/**
 * The other two axes of Evaluate's entries, beside the models: runtimes (each model as its family's
 * member on ONNX Runtime or LiteRT) and TF.js backends, with the Benchmark form's own pickers.
 * Untouched, they run each model on its own runtime and the engine's backend, as before.
 */
import { useStore } from '@/app/store';
import type { BackendName, RuntimeName } from '@/engine/shared/types';
import { BackendsChoice } from '@/features/benchmark/views/BackendsChoice';
import { RuntimesChoice } from '@/features/benchmark/views/RuntimesChoice';
import { refreshPreview } from '@/features/evaluate/client/evaluateFolder';
import { chosenModels } from '@/features/evaluate/client/evaluateEntries';

const setBackends = (backends: BackendName[]): void => useStore.setState((s) => ({ evaluateChoice: { ...s.evaluateChoice, backends } }));

function setRuntimes(runtimes: RuntimeName[]): void {
  useStore.setState((s) => ({ evaluateChoice: { ...s.evaluateChoice, runtimes } }));
  // The first entry may now be another family member: map the folder against its classes.
  void refreshPreview();
}

export function EntryAxes({ disabled }: { disabled: boolean }) {
  const engineBackend = useStore((s) => s.engine?.backend ?? null);
  const ticked = useStore((s) => s.evaluateChoice.backends);
  const runtimes = useStore((s) => s.evaluateChoice.runtimes);
  useStore((s) => s.evaluateChoice.models);
  useStore((s) => s.selectedModel);
  const backends = ticked ?? (engineBackend ? [engineBackend] : []);
  return (
    <div className="evaluate-axes">
      <div className="evaluate-fieldset">
        <BackendsChoice running={disabled} backends={backends} set={setBackends} testIdPrefix="evaluate" className="evaluate-axis" />
        <p className="muted" data-testid="evaluate-backend-note">
          {backends.length === 0
            ? 'Tick at least one backend.'
            : ticked === null
              ? `The engine's backend${engineBackend ? ` (${engineBackend})` : ''}; tick more to run every entry on each.`
              : `Every entry runs on each ticked backend; the page's backend is put back afterwards.`}
        </p>
      </div>
      <div className="evaluate-fieldset">
        <RuntimesChoice running={disabled} models={chosenModels()} runtimes={runtimes} set={setRuntimes} testIdPrefix="evaluate" className="evaluate-axis" />
      </div>
    </div>
  );
}
