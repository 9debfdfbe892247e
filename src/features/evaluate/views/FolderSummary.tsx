/** What the chosen folder holds, and what of it will not be scored: unmapped labels (with counts and why), non-images, bad CSV lines. */
import type { EvaluateFolder, EvaluatePreview } from '@/features/evaluate/client/evaluateSlice';

const SHOWN = 20;

export function FolderSummary({ folder, preview }: { folder: EvaluateFolder; preview: EvaluatePreview | null }) {
  const plan = preview?.plan;
  return (
    <div className="evaluate-summary" data-testid="evaluate-folder" data-images={folder.images.length} data-non-images={folder.nonImages.length}>
      <p>
        <strong>{folder.name}</strong>: {folder.images.length} image{folder.images.length === 1 ? '' : 's'}
        {folder.layout === 'csv' ? `, labelled by ${folder.csvPath}` : ', labelled by sub-folder'}
        {plan && (
          <>
            {' '}
            · <span data-testid="evaluate-mapped">{plan.scored.length} to score</span>
          </>
        )}
        {folder.nonImages.length > 0 && (
          <span className="muted" data-testid="evaluate-non-images" data-count={folder.nonImages.length}>
            {' '}
            · {folder.nonImages.length} not image{folder.nonImages.length === 1 ? '' : 's'}, skipped
          </span>
        )}
      </p>
      {plan && plan.scored.length === 0 && folder.images.length > 0 && (
        <p className="error" role="alert" data-testid="evaluate-nothing-mapped">
          None of the folder's labels names one of the model's classes: nothing can be scored. Name sub-folders by synset id (n01440764), class name or class
          index.
        </p>
      )}
      {plan && plan.unmappedGroups.length > 0 && (
        <details className="evaluate-unmapped" data-testid="evaluate-unmapped" data-count={plan.unmapped} open={plan.unmappedGroups.length <= 5}>
          <summary>
            {plan.unmapped} image{plan.unmapped === 1 ? '' : 's'} in {plan.unmappedGroups.length} label{plan.unmappedGroups.length === 1 ? '' : 's'} not mapped,
            not scored
          </summary>
          <ul>
            {plan.unmappedGroups.slice(0, SHOWN).map((g) => (
              <li key={g.label} data-testid="evaluate-unmapped-label" data-label={g.label} data-count={g.count}>
                <code>{g.label}</code> ({g.count}): <span className="muted">{g.reason}</span>
              </li>
            ))}
            {plan.unmappedGroups.length > SHOWN && <li className="muted">and {plan.unmappedGroups.length - SHOWN} more</li>}
          </ul>
        </details>
      )}
      {folder.csvErrors.length > 0 && (
        <details className="evaluate-unmapped">
          <summary>{folder.csvErrors.length} CSV line(s) skipped</summary>
          <ul>
            {folder.csvErrors.slice(0, SHOWN).map((e) => (
              <li key={`${e.line}-${e.message}`}>
                line {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
