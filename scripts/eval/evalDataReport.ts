/** What `npm run eval -- --data` prints for an entry: its figures, then a line per corruption pass. */
import type { EntryDocument } from '../../src/features/evaluate/shared/evaluateJson';

const pct = (fraction: number | null): string => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)} %`);
const ci = ({ low, high }: { low: number; high: number }): string => `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}`;

export function dataEntryLines(entry: EntryDocument): string[] {
  const lines = [
    `${entry.entry}: n ${entry.n}${entry.failed > 0 ? ` (${entry.failed} failed)` : ''}, unmapped ${entry.unmapped}, ` +
      `top-1 ${pct(entry.top1)} (95 % CI ${ci(entry.top1Interval)}), top-5 ${pct(entry.top5)} (95 % CI ${ci(entry.top5Interval)}), ` +
      `ECE ${pct(entry.ece)}, ${entry.latency.perImageMs === null ? '—' : entry.latency.perImageMs.toFixed(1)} ms/image`,
  ];
  for (const c of entry.corruptions) lines.push(`  ${c.kind} ${c.severity}: top-1 ${pct(c.top1)}, top-5 ${pct(c.top5)}`);
  if (entry.corruptedOverClean !== null) lines.push(`  mean corrupted top-1 / clean: ${pct(entry.corruptedOverClean)}`);
  for (const c of entry.confusions.slice(0, 3)) lines.push(`  confused: ${c.truthName} → ${c.predictedName} ×${c.count}`);
  return lines;
}
