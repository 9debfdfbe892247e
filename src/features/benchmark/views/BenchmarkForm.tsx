import { useTaughtStore } from '@/features/teach/client/taughtStore';
import { useStore } from '@/app/store';
import { cancelBenchmark, setBenchForm, startBenchmark } from '@/features/benchmark/client/benchmarkActions';
import { PEER_MODEL_ID } from '@/features/benchmark/shared/benchPlan';
import { formatBytes } from '@/shared/format';
import { choiceKey } from '@/shared/weights/choice';
import { offeredWeights } from '@/shared/weights/variantSpec';
import { BackendsChoice } from './BackendsChoice';
import { ListCheck } from './ListCheck';
import { RuntimesChoice } from './RuntimesChoice';
import { useBenchProblem, useEffectiveBenchForm, usePageWaitingFor } from './useBenchForm';

const num = (text: string): number => (text.trim() === '' ? NaN : Number(text));

/**
 * What to measure: models × backends × batch sizes, how long, on what input; and the method
 * comparison. Every control shows the effective form (stored choices, page defaults resolved),
 * which is exactly what Run runs.
 */
export function BenchmarkForm() {
  const form = useEffectiveBenchForm();
  const problem = useBenchProblem();
  const waitingFor = usePageWaitingFor();
  const status = useStore((s) => s.benchStatus);
  const catalog = useStore((s) => s.catalog);
  const catalogError = useStore((s) => s.catalogError);
  const installed = useStore((s) => s.installed);
  const imageCount = useStore((s) => s.cards.length);
  const selected = useStore((s) => s.selectedModel);
  const running = status === 'running';
  const models = catalog?.models.filter((m) => installed[m.id]) ?? [];
  const taughtModels = useTaughtStore((s) => s.models);
  const selectedName = catalog?.models.find((m) => m.id === selected)?.name ?? 'the selected model';
  const waiting = waitingFor !== null && !catalogError;

  return (
    <form className="bench-form" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={running}>
        <legend>Models</legend>
        {catalog === null && !catalogError && <p className="muted">Loading the model list…</p>}
        {catalog !== null && models.length === 0 && <p className="muted">No model is installed. Run `npm run models`.</p>}
        {models.flatMap((m) =>
          // float32 first, then each lighter variant the model offers: side by side in one plan.
          offeredWeights(m).map(({ weights, bytes }) => {
            const key = choiceKey(m.id, weights);
            return (
              <ListCheck key={key} list={form.models} item={key} testId={`bench-model-${key}`} set={(models) => setBenchForm({ models })}>
                {weights === 'float32' ? m.name : `${m.name} · ${weights} (${formatBytes(bytes)})`}
              </ListCheck>
            );
          }),
        )}
        {taughtModels.map((m) => (
          <ListCheck key={m.id} list={form.models} item={m.id} testId={`bench-model-${m.id}`} set={(models) => setBenchForm({ models })}>
            {m.meta.name} <span className="muted">(taught)</span>
          </ListCheck>
        ))}
      </fieldset>
      <BackendsChoice running={running} backends={form.backends} set={(backends) => setBenchForm({ backends })} testIdPrefix="bench" />
      <RuntimesChoice running={running} models={form.models} runtimes={form.runtimes} set={(runtimes) => setBenchForm({ runtimes })} testIdPrefix="bench" />
      <fieldset disabled={running} className="bench-numbers">
        <legend>Runs</legend>
        <label>
          Batch sizes
          <input type="text" data-testid="bench-batches" value={form.batchesText} onChange={(e) => setBenchForm({ batchesText: e.target.value })} />
        </label>
        <label>
          Warm-up runs
          <input
            type="number"
            min={0}
            data-testid="bench-warmup"
            value={Number.isNaN(form.warmup) ? '' : form.warmup}
            onChange={(e) => setBenchForm({ warmup: num(e.target.value) })}
          />
        </label>
        <label className="check">
          <input type="radio" name="bench-length" checked={!form.useDuration} onChange={() => setBenchForm({ useDuration: false })} />
          <input
            type="number"
            min={1}
            data-testid="bench-runs"
            aria-label="Timed runs"
            value={Number.isNaN(form.runs) ? '' : form.runs}
            onChange={(e) => setBenchForm({ runs: num(e.target.value), useDuration: false })}
          />
          timed runs
        </label>
        <label className="check">
          <input
            type="radio"
            name="bench-length"
            data-testid="bench-use-duration"
            checked={form.useDuration}
            onChange={() => setBenchForm({ useDuration: true })}
          />
          <input
            type="number"
            min={0.1}
            step={0.5}
            data-testid="bench-duration"
            aria-label="Seconds per batch size"
            value={Number.isNaN(form.durationS) ? '' : form.durationS}
            onChange={(e) => setBenchForm({ durationS: num(e.target.value), useDuration: true })}
          />
          seconds per batch size
        </label>
      </fieldset>
      <fieldset disabled={running}>
        <legend>Input</legend>
        <label className="check">
          <input
            type="radio"
            name="bench-input"
            data-testid="bench-input-random"
            checked={form.input === 'random'}
            onChange={() => setBenchForm({ input: 'random' })}
          />
          random pixels
        </label>
        <label className="check" title={imageCount === 0 ? 'Drop images in the Classify view first' : undefined}>
          <input
            type="radio"
            name="bench-input"
            data-testid="bench-input-images"
            disabled={imageCount === 0}
            checked={form.input === 'images'}
            onChange={() => setBenchForm({ input: 'images' })}
          />
          {imageCount === 0
            ? 'dropped images (none yet: drop some in Classify)'
            : `the ${imageCount} dropped image${imageCount === 1 ? '' : 's'}, repeated to fill each batch`}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="bench-cold" checked={form.coldStart} onChange={(e) => setBenchForm({ coldStart: e.target.checked })} />
          measure the cold start (reload each model first)
        </label>
      </fieldset>
      {problem && (
        <p className="error" role="alert" data-testid="bench-form-problem">
          {problem}
        </p>
      )}
      {waiting && !running && (
        <p className="muted" data-testid="bench-waiting">
          {waitingFor === 'catalog'
            ? 'Waiting for the model list: the page’s model is ticked once it is in.'
            : 'Waiting for the engine to start: the backend it runs on is ticked, and Run enabled, once it is up.'}
        </p>
      )}
      <div className="bench-actions">
        <button type="button" className="primary" data-testid="bench-start" disabled={running || waiting} onClick={() => void startBenchmark('sweep')}>
          Run benchmark
        </button>
        <button type="button" data-testid="bench-cancel" disabled={!running} onClick={cancelBenchmark}>
          Cancel
        </button>
        <span className="bench-methods">
          <button type="button" data-testid="bench-methods-start" disabled={running || waiting} onClick={() => void startBenchmark('methods')}>
            Compare methods
          </button>
          <label>
            on {selectedName} at batch
            <input
              type="number"
              min={1}
              data-testid="bench-method-batch"
              disabled={running}
              value={Number.isNaN(form.methodBatch) ? '' : form.methodBatch}
              onChange={(e) => setBenchForm({ methodBatch: num(e.target.value) })}
            />
          </label>
          {selected === PEER_MODEL_ID && (
            <label className="check">
              <input
                type="checkbox"
                data-testid="bench-method-peer"
                disabled={running}
                checked={form.methodPeer}
                onChange={(e) => setBenchForm({ methodPeer: e.target.checked })}
              />
              with the peer (@tensorflow-models/mobilenet)
            </label>
          )}
        </span>
      </div>
    </form>
  );
}
