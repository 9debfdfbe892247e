import type { SkippedFiles } from '@/features/classify/client/resultsSlice';
import { skippedLine } from '@/browser/files/imageFiles';

/** How many names the tooltip lists before "and N more". */
const NAMED = 20;

/** Files in dropped folders that got no card, in one line; hovering names them. */
export function SkippedLine({ skipped }: { skipped: SkippedFiles }) {
  const line = skippedLine(skipped.notImages.length, skipped.unreadable.length);
  if (!line) return null;
  const names = [...skipped.notImages, ...skipped.unreadable];
  const title = names.slice(0, NAMED).join('\n') + (names.length > NAMED ? `\n… and ${names.length - NAMED} more` : '');
  return (
    <p
      className="skipped-line muted"
      data-testid="skipped-line"
      data-not-images={skipped.notImages.length}
      data-unreadable={skipped.unreadable.length}
      title={title}
    >
      {line}
    </p>
  );
}
