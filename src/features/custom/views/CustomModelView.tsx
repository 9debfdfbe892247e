import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useStore } from '@/app/store';
import { readModelFiles, readModelUrl, removeCustomModel } from '@/features/custom/client/customActions';
import { selectModel } from '@/app/store/actions';
import { formatBytes } from '@/shared/format';
import { CustomSettingsForm } from './CustomSettingsForm';
import '@/app/styles/zoo.css';
import { importTaughtFiles, isTaughtDrop } from '@/features/teach/client/teachModels';
import { takeDropContents } from '@/browser/files/droppedItems';
import { walkFolders } from '@/browser/files/folderWalk';

/** Bring your own image classifier: a TF.js model by URL, or dropped: model.json with its shards, an ONNX file or folder, a TFLite file. */
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
    // A dropped folder (a Hugging Face model's, with onnx/model.onnx inside) is walked for its files.
    const { loose, folders } = takeDropContents(event.dataTransfer);
    if (folders.length === 0) readFiles(loose);
    else void walkFolders(folders).then((walked) => readFiles([...loose, ...walked.files.map((f) => f.file)]));
  };

  return (
    <section className="zoo-view" data-testid="custom-view">
      <div className="zoo-card">
        <h3>Your own model</h3>
        <p className="muted">
          An image classifier: a TF.js graph or layers model, ONNX (run by ONNX Runtime) or TFLite (run by LiteRT). Input: RGB images, NHWC or NCHW; output: one
          score per class, ImageNet's 1000 or 1001 or its own classes with a labels file.
        </p>
        <form className="zoo-form" onSubmit={submit}>
          <label className="zoo-grow">
            An address: a model.json, .onnx or .tflite URL (the server must allow CORS), or a Hugging Face repository id (org/name)
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
            Read
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
            <strong>Or drop a model</strong>: a TF.js model.json with all its shard files, an ONNX file (a PyTorch export, or a Hugging Face folder with
            config.json and preprocessor_config.json), or a TFLite file; with a labels file if the classes are not ImageNet's. They stay on this device.
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
