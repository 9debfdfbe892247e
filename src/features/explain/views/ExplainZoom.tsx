import { useEffect, useRef, useState } from 'react';
import type { ExplainEntry } from '@/features/explain/client/explainSlice';
import { openExplainZoom } from '@/features/explain/client/explainActions';
import type { Explanation } from '@/features/explain/shared/messages';
import { HeatmapCanvas } from './HeatmapCanvas';
import { explanationLine } from './describe';

/**
 * The larger view: the original image (not the card's thumbnail) with the heatmap and the class,
 * in a modal dialog. The object URL lives as long as the view.
 */
export function ExplainZoom({ file, name, entry, explanation }: { file: File; name: string; entry: ExplainEntry; explanation: Explanation }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const className = entry.label.split(',')[0] ?? entry.label;
  return (
    <dialog ref={dialog} className="explain-zoom" data-testid="heatmap-zoom" aria-label={`${className} in ${name}`} onClose={() => openExplainZoom(null)}>
      <figure>
        <div
          className="heatmap-figure heatmap-figure-large"
          style={{
            aspectRatio: `${explanation.imageWidth} / ${explanation.imageHeight}`,
            width: `min(88vw, 960px, calc(78vh * ${(explanation.imageWidth / explanation.imageHeight).toFixed(4)}))`,
          }}
        >
          {url && <img src={url} alt={`${name}, evidence for ${className}`} />}
          {entry.visible && <HeatmapCanvas heatmap={explanation.heatmap} opacity={entry.opacity} />}
        </div>
        <figcaption>
          <strong>{entry.label}</strong> · {explanationLine(explanation)} · peak at ({(explanation.peak.x * 100).toFixed(0)}%,{' '}
          {(explanation.peak.y * 100).toFixed(0)}%) of the image
        </figcaption>
      </figure>
      <form method="dialog">
        {/* biome-ignore lint/a11y/noAutofocus: focus moves into the modal dialog that just opened, as a dialog should */}
        <button type="submit" data-testid="heatmap-zoom-close" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
