/** Evaluate's form: the folder, the entries (models), the corruptions and severities, Start and Cancel, and the progress line. */
import { useEffect } from 'react';
import { useStore } from '@/app/store';
import { CORRUPTION_KINDS, type CorruptionKind } from '@/features/evaluate/shared/corruptions';
import { refreshPreview } from '@/features/evaluate/client/evaluateFolder';
import { cancelEvaluate, startEvaluate } from '@/features/evaluate/client/evaluateActions';
import { entryPlan, entrySpecs, evaluateOptions, pageChoice } from '@/features/evaluate/client/evaluateEntries';
import { EntryAxes } from './EntryAxes';
import { FolderDrop } from './FolderDrop';
import { FolderSummary } from './FolderSummary';

/** 0 is offered as a check: its pass goes through the corruption path and must score exactly as clean. */
const SEVERITIES = [0, 1, 2, 3, 4, 5] as const;

const toggled = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

function setChoice(patch: Partial<ReturnType<typeof useStore.getState>['evaluateChoice']>): void {
  useStore.setState((s) => ({ evaluateChoice: { ...s.evaluateChoice, ...patch } }));
}

/** Re-renders when what the entries are made of changes (their lists are read from the store's state). */
function useEntryInputs(): void {
  useStore((s) => s.catalog);
  useStore((s) => s.installed);
  useStore((s) => s.selectedModel);
  useStore((s) => s.selectedWeights);
  useStore((s) => s.evaluateChoice.models);
  useStore((s) => s.evaluateChoice.runtimes);
  useStore((s) => s.evaluateChoice.backends);
  useStore((s) => s.engine);
}

function EntryPicker({ disabled }: { disabled: boolean }) {
  useEntryInputs();
  const models = useStore((s) => s.evaluateChoice.models);
  const page = pageChoice();
  const options = evaluateOptions();
  return (
    <fieldset className="evaluate-fieldset" disabled={disabled}>
      <legend>Models</legend>
      <div className="zoo-checks">
        {options.map((o) => (
          <label key={o.choice}>
            <input
              type="checkbox"
              data-testid="evaluate-model"
              data-model={o.choice}
              checked={o.choice === page || models.includes(o.choice)}
              disabled={o.choice === page}
              onChange={() => {
                setChoice({ models: toggled(models, o.choice) });
                void refreshPreview();
              }}
            />{' '}
            {o.name}
            {o.choice === page && <span className="zoo-tag">model bar</span>}
          </label>
        ))}
        {options.length === 0 && <p className="muted">No ImageNet model is installed. Run `npm run models`.</p>}
      </div>
    </fieldset>
  );
}

function CorruptionPicker({ disabled }: { disabled: boolean }) {
  const { kinds, severities } = useStore((s) => s.evaluateChoice);
  return (
    <fieldset className="evaluate-fieldset" disabled={disabled}>
      <legend>Corruptions (ImageNet-C, seeded)</legend>
      <div className="zoo-checks">
        {CORRUPTION_KINDS.map((kind: CorruptionKind) => (
          <label key={kind}>
            <input
              type="checkbox"
              data-testid={`evaluate-kind-${kind}`}
              checked={kinds.includes(kind)}
              onChange={() => setChoice({ kinds: toggled(kinds, kind) })}
            />{' '}
            {kind}
          </label>
        ))}
      </div>
      <div className="zoo-checks evaluate-severities">
        <span className="muted">severities</span>
        {SEVERITIES.map((severity) => (
          <label key={severity} title={severity === 0 ? 'severity 0 runs the corruption path with no change: it must equal the clean figures' : undefined}>
            <input
              type="checkbox"
              data-testid={`evaluate-severity-${severity}`}
              checked={severities.includes(severity)}
              onChange={() => setChoice({ severities: toggled(severities, severity).sort((a, b) => a - b) })}
            />{' '}
            {severity === 0 ? '0 (check)' : severity}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Progress() {
  const run = useStore((s) => s.evaluateRun);
  const eta =
    run?.status === 'running' && run.done > 0 && run.total > run.done ? ((performance.now() - run.startedAt) / run.done) * (run.total - run.done) : null;
  return (
    <span
      className="muted"
      data-testid="evaluate-status"
      data-status={run?.status ?? 'idle'}
      data-done={run?.done ?? 0}
      data-total={run?.total ?? 0}
      aria-live="polite"
    >
      {run?.status === 'running' &&
        `${run.done} / ${run.total} images${run.phase ? ` · ${run.phase}` : ''}${eta !== null ? ` · about ${Math.ceil(eta / 1000)} s left` : ''}`}
      {run?.status === 'done' && `Done: ${run.total} images classified.`}
      {run?.status === 'cancelled' && `Cancelled after ${run.done} of ${run.total} images; finished entries are kept.`}
      {run?.status === 'error' && <span className="error">{run.error}</span>}
    </span>
  );
}

export function EvaluateForm() {
  const barChoice = useStore((s) => (s.selectedModel ? `${s.selectedModel}:${s.selectedWeights}` : null));
  // The preview maps against the first entry, the model bar's model: another choice there maps anew.
  useEffect(() => {
    if (barChoice !== null) void refreshPreview();
  }, [barChoice]);
  const folder = useStore((s) => s.evaluateFolder);
  const problem = useStore((s) => s.evaluateFolderProblem);
  const preview = useStore((s) => s.evaluatePreview);
  const running = useStore((s) => s.evaluateRun?.status === 'running');
  useEntryInputs();
  const entries = entryPlan().length;
  const models = entrySpecs().length;
  const scorable = (preview?.plan.scored.length ?? 0) > 0;
  return (
    <div className="zoo-card evaluate-form">
      <h3>Is it right on my images?</h3>
      <p className="muted">
        Drop or choose a labelled folder: sub-folders named by class (an ImageNet synset id such as n01440764, a class name, or a class index), or images with a
        CSV of <code>file,label</code> at the top.
      </p>
      <FolderDrop disabled={running} />
      {problem && (
        <p className="error" role="alert" data-testid="evaluate-problem">
          {problem}
        </p>
      )}
      {folder && <FolderSummary folder={folder} preview={preview} />}
      <EntryPicker disabled={running} />
      <EntryAxes disabled={running} />
      <CorruptionPicker disabled={running} />
      <div className="zoo-form">
        <button type="button" data-testid="evaluate-start" disabled={running || !scorable || entries === 0} onClick={() => void startEvaluate()}>
          Evaluate {models} model{models === 1 ? '' : 's'}
          {entries > models && ` × ${entries / models} backends`}
        </button>
        <button type="button" data-testid="evaluate-cancel" disabled={!running} onClick={cancelEvaluate}>
          Cancel
        </button>
        <Progress />
      </div>
    </div>
  );
}
