import type { CustomDraft } from '@/app/store';
import { addDraftModel, chooseDraftDtype, discardDraft, updateDraft } from '@/features/custom/client/customActions';
import { isImageNetCount, PREPROCESSING_MODES } from '@/shared/models/catalog';
import { formatBytes, formatShape } from '@/shared/format';

const PREPROCESSING_HELP: Record<string, string> = {
  tf: 'x/127.5 − 1 (MobileNet, Inception)',
  caffe: 'BGR minus ImageNet means (ResNet50, VGG)',
  torch: 'ImageNet mean/std (PyTorch ports)',
  unit: 'x/255 (TF-Hub)',
  raw: '0..255 unchanged (EfficientNet)',
};

/** The sibling whose dtype the select names (never a value the list does not hold). */
function pick(draft: CustomDraft, value: string): void {
  const sibling = draft.siblings?.find((s) => s.dtype === value);
  if (sibling) void chooseDraftDtype(sibling.dtype);
}

const Stated = ({ on, from = 'model.json' }: { on: boolean; from?: string }) =>
  on ? <span className="zoo-tag">from {from}</span> : <span className="zoo-tag zoo-tag-you">you choose</span>;

/** What model.json said, and the settings it leaves to the user (remembered for next time). */
export function CustomSettingsForm({ draft }: { draft: CustomDraft }) {
  const { facts, settings, stated } = draft;
  const runtimeFile = facts.format === 'onnx' || facts.format === 'tflite';
  const from = runtimeFile ? 'the model file' : 'model.json';
  return (
    <div className="zoo-card" data-testid="custom-draft" data-format={facts.format}>
      <h3>Read {draft.source.kind === 'url' ? draft.source.url : draft.source.modelJsonName}</h3>
      <p className="muted">
        {facts.format} model · input {facts.inputName ?? '?'} {formatShape(facts.inputShape)}
        {facts.inputLayout ? ` (${facts.inputLayout.toUpperCase()})` : ''} ·{' '}
        {facts.format === 'onnx' || facts.format === 'tflite' ? 'one file' : `${facts.weightFiles.length} weight file(s)`}, {formatBytes(facts.weightBytes)} ·
        output {facts.outputKind ?? 'kind not stated'} · {facts.classes ?? '?'} classes
        {facts.classesFrom === 'guess' ? (runtimeFile ? ' (from the labels file)' : ' (guessed from the last weight)') : ''}
        {draft.labelsFile ? ` · labels: ${draft.labelsFile.name}` : ' · labels: ImageNet names (Keras order)'}
      </p>
      {draft.notes && draft.notes.length > 0 && (
        <ul className="muted" data-testid="custom-notes">
          {draft.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {draft.ignored.length > 0 && <p className="muted">Ignored: {draft.ignored.join(', ')}</p>}
      {draft.remembered && (
        <p className="muted" data-testid="custom-remembered">
          Your earlier settings for this model were restored.
        </p>
      )}
      <div className="zoo-form">
        {draft.siblings && draft.dtype && (
          <label>
            Weights <span className="zoo-tag">from the {draft.hubId ? 'repository' : 'folder'}</span>
            <select data-testid="custom-dtype" value={draft.dtype} onChange={(e) => pick(draft, e.target.value)}>
              {draft.siblings.map((s) => (
                <option key={s.dtype} value={s.dtype}>
                  {s.dtype} · {s.name} ({formatBytes(s.bytes)})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Name
          <input type="text" data-testid="custom-name" value={draft.name} onChange={(e) => updateDraft({ name: e.target.value })} />
        </label>
        <label>
          Input height × width <Stated on={stated.inputSize} from={from} />
          <span className="zoo-pair">
            <input
              type="number"
              data-testid="custom-height"
              min={8}
              max={4096}
              disabled={stated.inputSize}
              value={settings.inputSize[0]}
              onChange={(e) => updateDraft({ inputSize: [Math.round(Number(e.target.value)), settings.inputSize[1]] })}
            />
            <input
              type="number"
              data-testid="custom-width"
              min={8}
              max={4096}
              disabled={stated.inputSize}
              value={settings.inputSize[1]}
              onChange={(e) => updateDraft({ inputSize: [settings.inputSize[0], Math.round(Number(e.target.value))] })}
            />
          </span>
        </label>
        <label>
          Preprocessing <Stated on={false} />
          <select
            data-testid="custom-preprocessing"
            value={settings.preprocessing}
            onChange={(e) => updateDraft({ preprocessing: PREPROCESSING_MODES.find((m) => m === e.target.value) ?? 'tf' })}
          >
            {PREPROCESSING_MODES.map((m) => (
              <option key={m} value={m}>
                {m}: {PREPROCESSING_HELP[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Output <Stated on={stated.output} from={from} />
          <select
            data-testid="custom-output"
            value={settings.output}
            disabled={stated.output}
            onChange={(e) => updateDraft({ output: e.target.value === 'logits' ? 'logits' : 'softmax' })}
          >
            <option value="softmax">softmax probabilities</option>
            <option value="logits">logits (softmax applied here)</option>
          </select>
        </label>
        <label>
          Classes <Stated on={stated.classes} from={from} />
          <select
            data-testid="custom-classes"
            value={settings.classes}
            disabled={stated.classes}
            onChange={(e) => updateDraft({ classes: Number(e.target.value) })}
          >
            <option value="1000">1000 (ImageNet)</option>
            <option value="1001">1001 (index 0 = background)</option>
            {!isImageNetCount(settings.classes) && <option value={settings.classes}>{settings.classes} (its own classes)</option>}
          </select>
        </label>
      </div>
      <div className="zoo-form">
        <button type="button" data-testid="custom-add" onClick={() => void addDraftModel()}>
          Add to the model picker and load
        </button>
        <button type="button" onClick={discardDraft}>
          Discard
        </button>
      </div>
    </div>
  );
}
