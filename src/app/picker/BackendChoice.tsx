/**
 * The measured automatic backend in "What ran": each backend's warm time and the pick, or why none
 * was measured (a forced backend always wins), with a button to measure again.
 */
import { useStore } from '@/app/store';
import { useBackendChoice } from '@/app/backendChoice/backendChoice';
import { measureAgain } from '@/app/store/actions';

export function BackendChoice() {
  const forced = useStore((s) => s.requestedBackend !== null);
  const modelReady = useStore((s) => s.modelStatus === 'ready');
  const { status, summary, remembered } = useBackendChoice();
  let text: string;
  if (forced) text = 'Measured choice: not used, the backend is forced (picker or ?backend=).';
  else if (status === 'timing') text = 'Measuring each backend on this model (a few seconds)…';
  else if (status === 'idle') text = 'Measured choice: not yet (it runs after the first result on this device).';
  else text = `Measured choice${remembered ? ' (remembered for this model and device)' : ''}: ${summary ?? ''}`;
  return (
    <p data-testid="backend-choice" data-status={forced ? 'forced' : status}>
      {text}{' '}
      {!forced && (
        <button type="button" onClick={() => void measureAgain()} disabled={status === 'timing' || !modelReady}>
          Measure again
        </button>
      )}
    </p>
  );
}
