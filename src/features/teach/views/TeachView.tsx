import { useState } from 'react';
import { useStore } from '@/app/store';
import { addClass, setBase, setEpochs, setMethod, setSplit } from '@/features/teach/client/teach';
import { baseIdOf, useTeachStore } from '@/features/teach/client/teachState';
import { cancelTraining, saveModel, train } from '@/features/teach/client/teachTraining';
import { isTeachMethod } from '@/features/teach/shared/teach';
import { TeachClassCard } from './TeachClassCard';
import { TrainChart } from './TrainChart';
import { Confusion } from './Confusion';
import { TaughtList } from './TaughtList';
import '@/app/styles/zoo.css';
import '@/features/classify/views/classify.css';
import './teach.css';

/** Teach Lumen your own classes: a base model's embeddings, a kNN or dense head, held-out figures. */
export function TeachView() {
  const state = useTeachStore();
  const catalog = useStore((s) => s.catalog);
  const installed = useStore((s) => s.installed);
  const [name, setName] = useState('');
  const baseId = baseIdOf(state);
  // Bases are TF.js models: the embedding is read from inside the graph, which ONNX Runtime and LiteRT do not expose.
  const bases = catalog?.models.filter((m) => installed[m.id] && !installed[m.id]?.online && (m.format === 'graph' || m.format === 'layers')) ?? [];
  const training = state.status === 'training';
  const waiting = state.embedding > 0;

  return (
    <section className="zoo-view teach-view" data-testid="teach-view">
      <div className="zoo-card">
        <h3>Teach it your own classes</h3>
        <p className="muted">
          A model from the catalog turns each image into an embedding (its pooled last features); a small head learns your classes on top. Everything runs here;
          no image leaves this page.
        </p>
        <div className="zoo-form teach-options">
          <label title="Bases are TF.js models: the embedding is read from inside the graph, which ONNX Runtime and LiteRT do not expose">
            Base model (TF.js)
            <select data-testid="teach-base" value={baseId ?? ''} onChange={(e) => setBase(e.target.value)}>
              {bases.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Method
            <select data-testid="teach-method" value={state.method} onChange={(e) => isTeachMethod(e.target.value) && setMethod(e.target.value)}>
              <option value="knn">nearest neighbours (instant)</option>
              <option value="dense">dense layer (trained)</option>
            </select>
          </label>
          <label>
            Held apart
            <select data-testid="teach-split" value={state.split} onChange={(e) => setSplit(Number(e.target.value))}>
              <option value={0.25}>1 in 4</option>
              <option value={0.5}>1 in 2</option>
            </select>
          </label>
          {state.method === 'dense' && (
            <label>
              Epochs
              <input type="number" min={1} max={5000} value={state.epochsWanted} onChange={(e) => setEpochs(Number(e.target.value))} />
            </label>
          )}
        </div>
      </div>
      <div className="teach-classes">
        {state.classes.map((cls, i) => (
          <TeachClassCard key={cls.id} cls={cls} index={i} canRemove={state.classes.length > 1} />
        ))}
        <button type="button" className="teach-add" data-testid="teach-add-class" onClick={addClass}>
          + Add a class
        </button>
      </div>
      <div className="zoo-card">
        <div className="teach-actions">
          <button type="button" data-testid="teach-train" disabled={training || waiting} onClick={() => void train()}>
            {state.method === 'knn' ? 'Teach (kNN)' : 'Train the dense head'}
          </button>
          {training && (
            <button type="button" data-testid="teach-cancel" onClick={cancelTraining}>
              Cancel
            </button>
          )}
          <span className="muted" role="status" data-testid="teach-status">
            {waiting ? `Embedding ${state.embedding} image${state.embedding === 1 ? '' : 's'}…` : training ? 'Training…' : ''}
            {state.embeddingAt && !waiting && !training ? (
              <span title={`Graph node or layer: ${state.embeddingAt}`}>Each image is described by the base model’s last feature map, pooled.</span>
            ) : (
              ''
            )}
          </span>
        </div>
        {state.problem && (
          <p className="teach-bad" role="alert" data-testid="teach-problem">
            {state.problem}
          </p>
        )}
        {state.error && (
          <p className="teach-bad" role="alert" data-testid="teach-error">
            {state.error}
          </p>
        )}
        {state.method === 'dense' && <TrainChart epochs={state.epochs} />}
        {state.result && <Confusion result={state.result} />}
        {state.result && (
          <form
            className="zoo-form teach-save"
            onSubmit={(e) => {
              e.preventDefault();
              void saveModel(name);
            }}
          >
            <label className="zoo-grow">
              Keep it as a model named
              <input
                data-testid="teach-model-name"
                value={name}
                placeholder={`Taught: ${state.result.classes.join(', ')}`}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <button type="submit" data-testid="teach-save" disabled={training}>
              Keep as a model
            </button>
            {state.savedAs && (
              <span className="muted" role="status" data-testid="teach-saved">
                Kept as “{state.savedAs}”: it is in the model picker, under Taught models.
              </span>
            )}
          </form>
        )}
      </div>
      <TaughtList />
    </section>
  );
}
