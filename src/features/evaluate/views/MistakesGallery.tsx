/**
 * Under an entry's report: the wrong top-1 predictions the model was surest of, each with its
 * image (while the run's folder is still loaded), true and predicted class, and Explain.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from '@/app/store';
import { cannotExplain } from '@/features/evaluate/client/mistakeExplain';
import type { EntryDocument, MistakeDocument } from '@/features/evaluate/shared/evaluateJson';
import { percent } from './charts';
import { MistakeExplainDialog } from './MistakeExplainDialog';
import './mistakes.css';

/** An object URL for the file while the component lives (revoked after), or null without one. */
function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return url;
}

const shortName = (label: string): string => label.split(',')[0] ?? label;
const baseName = (path: string): string => path.split('/').pop() ?? path;

function MistakeTile({ entry, mistake }: { entry: EntryDocument; mistake: MistakeDocument }) {
  const file = useStore((s) => s.evaluateFolder?.files.get(mistake.file) ?? null);
  // Read through the store so the tile follows a folder chosen again or a model installed.
  const problem = useStore(() => cannotExplain(entry, mistake.file));
  const url = useObjectUrl(file);
  const [open, setOpen] = useState(false);
  const predicted = shortName(mistake.predictedName);
  return (
    <li
      className="evaluate-mistake"
      data-testid="evaluate-mistake"
      data-file={mistake.file}
      data-true={mistake.truth}
      data-predicted={mistake.predicted}
      data-p={mistake.probability}
    >
      <div className="evaluate-mistake-thumb">
        {url ? <img src={url} alt={mistake.file} loading="lazy" decoding="async" /> : <span className="muted">image not loaded</span>}
      </div>
      <p className="mono evaluate-mistake-file" title={mistake.file}>
        {baseName(mistake.file)}
      </p>
      <p>
        <span className="muted">true</span> {shortName(mistake.truthName)}
      </p>
      <p>
        <span className="muted">predicted</span> <strong>{predicted}</strong> <span className="evaluate-mistake-p">{percent(mistake.probability)}</span>
      </p>
      <p className="muted">
        {mistake.truthRank === null
          ? 'true class not in the top 5'
          : `true class #${mistake.truthRank}${mistake.truthProbability === null ? '' : `, ${percent(mistake.truthProbability)}`}`}
      </p>
      <button
        type="button"
        className="zoo-small"
        data-testid="evaluate-mistake-explain"
        disabled={problem !== null}
        title={problem ?? `Where in ${baseName(mistake.file)} does ${entry.model} see "${predicted}"?`}
        aria-label={`Explain ${baseName(mistake.file)}: why ${predicted}`}
        onClick={() => setOpen(true)}
      >
        Explain
      </button>
      {open && url && <MistakeExplainDialog entry={entry} mistake={mistake} imageUrl={url} onClose={() => setOpen(false)} />}
    </li>
  );
}

export function MistakesGallery({ entry }: { entry: EntryDocument }) {
  const headingId = useId();
  const mistakes = entry.mistakes ?? [];
  if (mistakes.length === 0) return null;
  const wrong = entry.top1 === null ? mistakes.length : Math.round((1 - entry.top1) * entry.n);
  return (
    <section className="evaluate-mistakes" aria-labelledby={headingId}>
      <h4 id={headingId}>
        Most confident mistakes <span className="muted">({mistakes.length === wrong ? `all ${wrong}` : `${mistakes.length} of ${wrong}`}, surest first)</span>
      </h4>
      <ul className="evaluate-mistake-grid" data-testid="evaluate-mistakes">
        {mistakes.map((mistake) => (
          <MistakeTile key={mistake.file} entry={entry} mistake={mistake} />
        ))}
      </ul>
    </section>
  );
}
