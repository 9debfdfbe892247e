/**
 * One mistake explained, in a modal dialog over the report: the image with the heatmap of the
 * evidence for the predicted class (or the true one, to compare), by the entry's own model; the
 * method as the result cards offer it (best for the model: Grad-CAM where it can, else occlusion).
 */
import { useEffect, useRef } from 'react';
import { useStore } from '@/app/store';
import { explainMistake, type MistakeClass, mistakeKey } from '@/features/evaluate/client/mistakeExplain';
import type { EntryDocument, MistakeDocument } from '@/features/evaluate/shared/evaluateJson';
import { EXPLAIN_METHODS, type ExplainMethod } from '@/features/explain/shared/messages';
import { explanationLine, fallbackNote, METHOD_NAMES } from '@/features/explain/views/describe';
import { HeatmapCanvas } from '@/features/explain/views/HeatmapCanvas';
import '@/features/explain/views/explain.css';

const METHOD_CHOICES: readonly (ExplainMethod | 'auto')[] = ['auto', ...EXPLAIN_METHODS];

interface Props {
  entry: EntryDocument;
  mistake: MistakeDocument;
  imageUrl: string;
  onClose(): void;
}

export function MistakeExplainDialog({ entry, mistake, imageUrl, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const explained = useStore((s) => s.explanations[mistakeKey(entry.entry, mistake.file)]);
  // A prediction with no class has no evidence to show: the true class is explained instead.
  const which: MistakeClass = explained ? (explained.classIndex === mistake.truth ? 'truth' : 'predicted') : mistake.predicted < 0 ? 'truth' : 'predicted';
  const method = explained?.method ?? 'auto';

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  // Opening explains once; a reopened dialog shows what was explained before.
  const first = useRef(explained === undefined);
  useEffect(() => {
    if (first.current) void explainMistake(entry, mistake, which, method);
    first.current = false;
  }, [entry, mistake, which, method]);

  const explanation = explained?.explanation ?? null;
  const note = explanation && explained ? fallbackNote(explanation, explained.method) : null;
  const shown = which === 'predicted' ? mistake.predictedName : mistake.truthName;
  return (
    <dialog
      ref={dialog}
      className="explain-zoom evaluate-mistake-dialog"
      data-testid="evaluate-mistake-dialog"
      aria-label={`Explanation of ${mistake.file}`}
      onClose={onClose}
    >
      <h3 className="mono evaluate-mistake-file">{mistake.file}</h3>
      <fieldset className="evaluate-mistake-choice">
        <legend>Evidence for</legend>
        {(['predicted', 'truth'] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name={`evidence-${mistake.file}`}
              data-testid={`evaluate-mistake-evidence-${option}`}
              checked={which === option}
              disabled={option === 'predicted' && mistake.predicted < 0}
              onChange={() => void explainMistake(entry, mistake, option, method)}
            />{' '}
            {option === 'predicted' ? `predicted: ${mistake.predictedName}` : `true: ${mistake.truthName}`}
          </label>
        ))}
      </fieldset>
      <select
        aria-label="Explanation method"
        data-testid="explain-method"
        value={method}
        onChange={(e) => void explainMistake(entry, mistake, which, e.target.value as ExplainMethod | 'auto')}
      >
        {METHOD_CHOICES.map((m) => (
          <option key={m} value={m}>
            {METHOD_NAMES[m]}
          </option>
        ))}
      </select>
      <div
        className="heatmap-figure evaluate-mistake-figure"
        data-testid="heatmap"
        data-class-index={explanation?.classIndex ?? ''}
        data-method={explanation?.method ?? ''}
        data-peak-x={explanation?.peak.x.toFixed(4) ?? ''}
        data-peak-y={explanation?.peak.y.toFixed(4) ?? ''}
        data-updating={explained?.status === 'running' ? 'true' : undefined}
        style={explanation ? { aspectRatio: `${explanation.imageWidth} / ${explanation.imageHeight}` } : undefined}
      >
        <img src={imageUrl} alt={`${mistake.file}, evidence for ${shown}`} />
        {explanation && <HeatmapCanvas heatmap={explanation.heatmap} opacity={explained?.opacity ?? 0.6} />}
      </div>
      <p className="muted explain-line" data-testid="explain-info" aria-live="polite">
        {explained?.status === 'running' && 'Explaining…'}
        {explained?.status === 'done' &&
          explanation &&
          `${explanationLine(explanation)} · ${explained.modelName}${explained.backend ? ` on ${explained.backend}` : ''}`}
      </p>
      {note && <p className="muted explain-note">{note}</p>}
      {explained?.status === 'error' && (
        <p className="error" role="alert" data-testid="explain-error">
          {explained.error}
        </p>
      )}
      <form method="dialog">
        {/* biome-ignore lint/a11y/noAutofocus: focus moves into the modal dialog that just opened, as a dialog should */}
        <button type="submit" data-testid="evaluate-mistake-close" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
