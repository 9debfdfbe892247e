import { useStore, type ResultCard } from '@/app/store';
import { openExplainZoom, setExplainMethod, setOverlayOpacity, setOverlayVisible } from '@/features/explain/client/explainActions';
import { EXPLAIN_METHODS, type ExplainMethod } from '@/features/explain/shared/messages';
import { HeatmapCanvas } from './HeatmapCanvas';
import { ExplainZoom } from './ExplainZoom';
import { METHOD_NAMES, explanationLine, fallbackNote } from './describe';
import './explain.css';

const METHOD_CHOICES: readonly (ExplainMethod | 'auto')[] = ['auto', ...EXPLAIN_METHODS];

/**
 * A card's explanation: the image at its own aspect ratio with the heatmap over it (click for the
 * larger view), the overlay's switch and opacity, the method picker, and what ran and how long.
 */
export function ExplainPanel({ card }: { card: ResultCard }) {
  const entry = useStore((s) => s.explanations[card.key]);
  const zoomed = useStore((s) => s.explainZoom === card.key);
  if (!entry) return null;
  const { explanation } = entry;
  const className = entry.label.split(',')[0] ?? entry.label;
  const note = explanation ? fallbackNote(explanation, entry.method) : null;
  return (
    <section className="explain-panel" aria-label={`Explanation of ${className}`}>
      {explanation && (
        <button
          type="button"
          className="heatmap-figure"
          data-testid="heatmap"
          data-class-index={explanation.classIndex ?? ''}
          data-peak-x={explanation.peak.x.toFixed(4)}
          data-peak-y={explanation.peak.y.toFixed(4)}
          data-method={explanation.method}
          data-ms={explanation.ms.toFixed(0)}
          data-updating={entry.status === 'running' ? 'true' : undefined}
          style={{ aspectRatio: `${explanation.imageWidth} / ${explanation.imageHeight}` }}
          title="Open the larger view"
          onClick={() => openExplainZoom(card.key)}
        >
          {card.thumbUrl && <img src={card.thumbUrl} alt={`${card.name}, evidence for ${className}`} />}
          {entry.visible && <HeatmapCanvas heatmap={explanation.heatmap} opacity={entry.opacity} />}
        </button>
      )}
      <div className="explain-controls">
        <label>
          <input type="checkbox" data-testid="heatmap-toggle" checked={entry.visible} onChange={(e) => setOverlayVisible(card.key, e.target.checked)} /> heatmap
        </label>
        <label title="Overlay opacity">
          <span className="visually-hidden">Opacity</span>
          <input
            type="range"
            data-testid="heatmap-opacity"
            min={0}
            max={1}
            step={0.05}
            value={entry.opacity}
            disabled={!entry.visible}
            onChange={(e) => setOverlayOpacity(card.key, Number(e.target.value))}
          />
        </label>
        <select
          aria-label="Explanation method"
          data-testid="explain-method"
          value={entry.method}
          onChange={(e) => setExplainMethod(card.key, e.target.value as ExplainMethod | 'auto')}
        >
          {METHOD_CHOICES.map((m) => (
            <option key={m} value={m}>
              {METHOD_NAMES[m]}
            </option>
          ))}
        </select>
      </div>
      <p className="muted explain-line" data-testid="explain-info">
        <strong>{className}</strong>
        {entry.status === 'running' && ' · explaining…'}
        {entry.status === 'done' && explanation && ` · ${explanationLine(explanation)} · ${entry.modelName}${entry.backend ? ` on ${entry.backend}` : ''}`}
      </p>
      {note && <p className="muted explain-note">{note}</p>}
      {entry.status === 'error' && (
        <p className="error" role="alert" data-testid="explain-error">
          {entry.error}
        </p>
      )}
      {zoomed && explanation && <ExplainZoom file={card.file} name={card.name} entry={entry} explanation={explanation} />}
    </section>
  );
}
