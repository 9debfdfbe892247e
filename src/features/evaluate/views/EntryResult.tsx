/** One entry's report: top-1/top-5 with 95 % intervals, ECE, latency, the reliability diagram, confusions, the most confident mistakes, per-class accuracy, robustness. */
import type { EntryDocument } from '@/features/evaluate/shared/evaluateJson';
import { formatMs } from '@/shared/format';
import { percent } from './charts';
import { CorruptionTable } from './CorruptionTable';
import { MistakesGallery } from './MistakesGallery';
import { PerClassTable } from './PerClassTable';
import { ReliabilityChart } from './ReliabilityChart';

const interval = ({ low, high }: { low: number; high: number }): string => `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}`;

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="evaluate-figure">
      <span className="muted">{label}</span>
      <span className="zoo-big">{value}</span>
      {detail && <span className="muted">{detail}</span>}
    </div>
  );
}

export function EntryResult({ entry }: { entry: EntryDocument }) {
  return (
    <article
      className="zoo-card evaluate-result"
      data-testid="evaluate-result"
      data-entry={entry.entry}
      data-top1={entry.top1 ?? ''}
      data-top5={entry.top5 ?? ''}
      data-n={entry.n}
      data-unmapped={entry.unmapped}
      data-failed={entry.failed}
      data-ece={entry.ece ?? ''}
      data-latency-ms={entry.latency.perImageMs ?? ''}
    >
      <h3>
        <span className="mono">{entry.entry}</span>
        <span className="muted">
          {entry.n} scored{entry.failed > 0 ? `, ${entry.failed} failed` : ''}
          {entry.unmapped > 0 ? `, ${entry.unmapped} unmapped` : ''}
        </span>
      </h3>
      <div className="evaluate-figures">
        <Figure label="top-1" value={percent(entry.top1)} detail={`95 % CI ${interval(entry.top1Interval)}`} />
        <Figure label="top-5" value={percent(entry.top5)} detail={`95 % CI ${interval(entry.top5Interval)}`} />
        <Figure label="ECE (15 bins)" value={percent(entry.ece)} />
        <Figure label="per image" value={formatMs(entry.latency.perImageMs)} detail={`${entry.latency.images} in ${formatMs(entry.latency.totalMs)}`} />
      </div>
      <div className="evaluate-columns">
        <ReliabilityChart bins={entry.reliability} />
        <div>
          <h4>Most frequent confusions</h4>
          {entry.confusions.length === 0 ? (
            <p className="muted">No mistakes.</p>
          ) : (
            <ol className="evaluate-confusions" data-testid="evaluate-confusions">
              {entry.confusions.map((c) => (
                <li key={`${c.truth}-${c.predicted}`}>
                  {c.truthName} → {c.predictedName} <span className="muted">×{c.count}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <MistakesGallery entry={entry} />
      <details>
        <summary>Per-class accuracy ({entry.perClass.length} classes)</summary>
        <PerClassTable rows={entry.perClass} />
      </details>
      <CorruptionTable entry={entry} />
    </article>
  );
}
