import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useStore } from '@/app/store';
import { readModelFiles, readModelUrl, removeCustomModel } from '@/features/custom/client/customActions';
import { selectModel } from '@/app/store/actions';
import { formatBytes } from '@/shared/format';
import { CustomSettingsForm } from './CustomSettingsForm';
import '@/app/styles/zoo.css';
import { importTaughtFiles, isTaughtDrop } from '@/features/teach/client/teachModels';

/** Bring your own TF.js image classifier: by URL, or by dropping model.json with its shards. */
export function CustomModelView() {
  const draft = useStore((s) => s.customDraft);
  const status = useStore((s) => s.customStatus);
  const error = useStore((s) => s.customError);
  const models = useStore((s) => s.customModels);
  const selected = useStore((s) => s.selectedModel);
  const modelStatus = useStore((s) => s.modelStatus);
  const modelError = useStore((s) => s.modelError);
  const [url, setUrl] = useState('');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [taughtNote, setTaughtNote] = useState<string | null>(null);
  // An exported taught model (lumen-taught.json beside its head) goes back on its base model.
  const readFiles = (files: File[]): void => {
    if (!isTaughtDrop(files)) {
      void readModelFiles(files);
      return;
    }
    void importTaughtFiles(files).then(async (outcome) => {
      if (typeof outcome === 'string') return setTaughtNote(outcome);
      setTaughtNote('Taught model imported: it is in the picker, under Taught models.');
      await selectModel(outcome.select);
    });
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void readModelUrl(url);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    readFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <section className="zoo-view" data-testid="custom-view">
      <div className="zoo-card">
        <h3>Your own model</h3>
        <p className="muted">A TF.js graph or layers model that classifies ImageNet: input [N, height, width, 3], output [N, 1000] or [N, 1001].</p>
        <form className="zoo-form" onSubmit={submit}>
          <label className="zoo-grow">
            model.json address (http or https; the server must allow CORS)
            <input
              type="text"
              inputMode="url"
              data-testid="custom-url"
              placeholder="https://example.com/my-model/model.json"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="custom-url-read" disabled={status === 'reading'}>
            Read model.json
          </button>
        </form>
        {/* biome-ignore lint/a11y/useSemanticElements: a drop area (role=button, focusable, Enter opens the picker); a <button> cannot be a drop target holding its own text */}
        <div
          className={`dropzone zoo-drop${over ? ' dropzone-over' : ''}`}
          data-testid="custom-drop"
          role="button"
          tabIndex={0}
          onClick={() => input.current?.click()}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p>
            <strong>Or drop model.json with all its shard files</strong> (and a labels file if the classes are not ImageNet's). They stay on this device.
          </p>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            data-testid="custom-files"
            onChange={(e) => {
              readFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </div>
        {status === 'reading' && <p className="loading">Reading…</p>}
        {taughtNote && (
          <p role="status" data-testid="custom-taught">
            {taughtNote}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="custom-error">
            {error}
          </p>
        )}
      </div>
      {draft && <CustomSettingsForm draft={draft} />}
      {models.length > 0 && (
        <div className="zoo-card">
          <h3>Added models</h3>
          <ul className="zoo-list">
            {models.map((m) => {
              const active = m.id === selected;
              return (
                <li key={m.id} className="zoo-cache-row" data-testid="custom-model" data-model={m.id} data-status={active ? modelStatus : 'idle'}>
                  <span className="zoo-grow-text">
                    <strong>{m.name}</strong>{' '}
                    <span className="muted">
                      {m.facts.format} · {m.settings.inputSize.join('×')} · {m.settings.preprocessing} · {m.settings.output} · {m.settings.classes} classes ·{' '}
                      {formatBytes(m.diskBytes)}
                    </span>
                  </span>
                  {active ? (
                    <span className={modelStatus === 'error' ? 'error' : 'muted'} data-testid="custom-status">
                      {modelStatus === 'ready' ? 'loaded: selected in the picker' : modelStatus === 'error' ? modelError : 'loading…'}
                    </span>
                  ) : (
                    <button type="button" className="zoo-small" onClick={() => void selectModel(m.id)}>
                      Use
                    </button>
                  )}
                  <button type="button" className="zoo-small" onClick={() => void removeCustomModel(m.id)}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
