import { useState } from 'react';
import { useStore, type CompareRun } from '@/app/store';
import { isAvailable } from '@/app/store/modelRegistry';
import { useTaughtStore } from '@/features/teach/client/taughtStore';
import { cancelCompare, classifyImage, startCompare } from '@/features/compare/client/compareActions';
import { IMAGE_ACCEPT } from '@/browser/files/imageFiles';
import { formatBytes, formatCount, formatMs } from '@/shared/format';
import { choiceKey, parseChoice } from '@/shared/weights/choice';
import { offeredWeights } from '@/shared/weights/variantSpec';
import '@/app/styles/zoo.css';
import { rowAgreement } from '@/features/compare/shared/agreement';

const DEFAULT_RUNS = 5;

const RUNTIME_NAMES = { tfjs: 'TF.js', ort: 'ONNX Runtime', litert: 'LiteRT' } as const;

/** This row against the first model that ran: the same top-1, and the largest probability difference. */
function Agreement({ reference, row }: { reference: number[] | null; row: number[] | null }) {
  if (!reference || !row || reference === row) return <td className="muted">{reference === row && row ? 'reference' : '—'}</td>;
  const agreement = rowAgreement(reference, row);
  if (!agreement) return <td className="muted">other classes</td>;
  return (
    <td data-testid="compare-agreement" data-same-top1={agreement.sameTop1} data-max-delta={agreement.maxAbsDelta}>
      {agreement.sameTop1 ? 'same top-1' : 'other top-1'} · max |Δp| {agreement.maxAbsDelta.toExponential(1)}
    </td>
  );
}

function Rows({ run }: { run: CompareRun }) {
  const reference = run.rows.find((r) => r?.status === 'ok' && r.probabilities !== null);
  const referenceRow = reference?.status === 'ok' ? reference.probabilities : null;
  const medians = run.rows.flatMap((r) => (r?.status === 'ok' ? [r.medianMs] : []));
  const fastest = Math.min(...medians);
  return (
    <tbody>
      {run.entries.map((entry, i) => {
        const row = run.rows[i] ?? null;
        const status = row?.status ?? (run.status === 'running' ? 'pending' : 'skipped');
        return (
          <tr
            // biome-ignore lint/suspicious/noArrayIndexKey: the same model may be compared twice; id plus position is the row
            key={`${entry.id}-${i}`}
            data-testid="compare-row"
            data-model={entry.id}
            data-status={status}
            data-median-ms={row?.status === 'ok' ? row.medianMs : ''}
            data-top1-index={row?.status === 'ok' ? (row.top1?.classIndex ?? '') : ''}
            data-parameters={row?.status === 'ok' ? row.parameters : ''}
            data-runtime={row?.status === 'ok' ? row.runtime : ''}
          >
            <td>
              {entry.name}
              {row?.status === 'ok' && (
                <span className="muted">
                  {' '}
                  · {RUNTIME_NAMES[row.runtime]} {row.runtimeBackend}
                </span>
              )}
            </td>
            {row?.status === 'ok' ? (
              <>
                <td title={row.parameters.toLocaleString('en-US')}>{formatCount(row.parameters)}</td>
                <td>{formatBytes(entry.diskBytes)}</td>
                <td>{formatBytes(row.weightBytes)}</td>
                <td>
                  {formatMs(row.loadMs)}
                  {row.fromCache && <span className="muted"> (cache)</span>}
                </td>
                <td
                  className={row.medianMs === fastest && medians.length > 1 ? 'zoo-best' : ''}
                  title={`runs: ${row.runsMs.map((ms) => ms.toFixed(1)).join(', ')} ms`}
                >
                  {formatMs(row.medianMs)}
                </td>
                <td>{row.top1 ? `${row.top1.label.split(',')[0]} · ${(row.top1.probability * 100).toFixed(1)}%` : '—'}</td>
                <Agreement reference={referenceRow} row={row.probabilities} />
              </>
            ) : (
              <td colSpan={7} className={row?.status === 'error' ? 'error' : 'muted'}>
                {row?.status === 'error' ? row.error.message : status === 'pending' ? 'waiting…' : 'not run'}
              </td>
            )}
          </tr>
        );
      })}
    </tbody>
  );
}

/** The available models side by side on this machine and backend, measured one after another in the worker. */
export function CompareView() {
  const catalog = useStore((s) => s.catalog);
  const installed = useStore((s) => s.installed);
  const customModels = useStore((s) => s.customModels);
  const taughtModels = useTaughtStore((s) => s.models);
  const cards = useStore((s) => s.cards);
  const run = useStore((s) => s.compareRun);
  const backend = useStore((s) => s.engine?.backend);
  const available = [
    // Each model, then its lighter weight variants (id:float16 …), so they can be compared side by side.
    ...(catalog?.models ?? [])
      .filter((m) => installed[m.id])
      .flatMap((m) =>
        offeredWeights(m).map((o) => ({ id: choiceKey(m.id, o.weights), name: o.variant ? `${m.name} · ${o.weights}` : m.name, variant: o.variant !== null })),
      ),
    ...customModels.map((m) => ({ id: m.id, name: m.name, variant: false })),
    ...taughtModels.map((m) => ({ id: m.id, name: m.meta.name, variant: false })),
  ];
  // Models the user flipped from their default. Local float32 models start ticked; hosted ones and
  // variants start unticked (hosted ones would all download; variants are opt-in).
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const startsOn = (id: string): boolean => !installed[id]?.online && !available.find((m) => m.id === id)?.variant;
  const isOn = (id: string): boolean => startsOn(id) !== toggled.has(id);
  const [runs, setRuns] = useState(DEFAULT_RUNS);
  const [picked, setPicked] = useState<File | null>(null);
  const fromClassify = cards.length > 0 ? classifyImage() : null;
  const image = picked ?? fromClassify;
  const chosen = available.filter((m) => isOn(m.id) && isAvailable(parseChoice(m.id).id));
  const running = run?.status === 'running';

  const toggle = (id: string): void =>
    setToggled((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="zoo-view" data-testid="compare-view">
      <div className="zoo-card">
        <h3>Models</h3>
        <div className="zoo-checks">
          {available.map((m) => (
            <label key={m.id}>
              <input type="checkbox" data-testid="compare-model" data-model={m.id} checked={isOn(m.id)} onChange={() => toggle(m.id)} /> {m.name}
            </label>
          ))}
          {available.length === 0 && <p className="muted">No model is installed. Run `npm run models`.</p>}
        </div>
        <div className="zoo-form">
          <label>
            Timed runs
            <input
              type="number"
              data-testid="compare-runs"
              min={1}
              max={200}
              value={runs}
              onChange={(e) => setRuns(Math.max(1, Math.min(200, Math.round(Number(e.target.value)) || 1)))}
            />
          </label>
          <label>
            Image
            <input type="file" accept={IMAGE_ACCEPT} data-testid="compare-image-input" onChange={(e) => setPicked(e.target.files?.[0] ?? null)} />
          </label>
          <p className="muted" data-testid="compare-image">
            {image
              ? `Top-1 on ${image.name}${picked ? '' : ' (the first image dropped in Classify)'}`
              : 'No image: latency on random pixels, no top-1. Drop one in Classify or choose one.'}
          </p>
        </div>
        <div className="zoo-form">
          <button
            type="button"
            data-testid="compare-start"
            disabled={chosen.length === 0}
            onClick={() =>
              void startCompare(
                chosen.map((m) => m.id),
                runs,
                image,
              )
            }
          >
            {running ? 'Restart' : 'Compare'} {chosen.length} model{chosen.length === 1 ? '' : 's'}
          </button>
          <button type="button" data-testid="compare-cancel" disabled={!running} onClick={cancelCompare}>
            Cancel
          </button>
          <span className="muted" data-testid="compare-status" data-status={run?.status ?? 'idle'}>
            {run?.status === 'running' && run.progress}
            {run?.status === 'done' && `Done: batch 1, median of ${run.runs} runs after warm-up, read-back included, on ${backend ?? '?'}.`}
            {run?.status === 'cancelled' && 'Cancelled.'}
          </span>
          {run?.error && (
            <span className="error" role="alert">
              {run.error}
            </span>
          )}
        </div>
      </div>
      {run && (
        <table className="zoo-table zoo-compare">
          <thead>
            <tr>
              <th>model</th>
              <th>parameters</th>
              <th>on disk</th>
              <th>in memory</th>
              <th>load</th>
              <th>batch-1 median</th>
              <th>top-1{run.imageName ? ` on ${run.imageName}` : ''}</th>
              <th>vs the first</th>
            </tr>
          </thead>
          <Rows run={run} />
        </table>
      )}
    </section>
  );
}
