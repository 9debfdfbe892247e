/**
 * `npm run bench -- --auto`: how close the app's measured automatic choice comes to the best row
 * the same run swept. The choice's throughput over the best throughput among its family's rows
 * (the model asked about and the members of its family, on any runtime, backend and batch swept).
 */
import type { ReportRow } from './benchReport';

export interface AutoOverBest {
  model: string;
  /** What the choice ran, as in a row. */
  chosen: Pick<ReportRow, 'model' | 'runtime' | 'backend' | 'threads' | 'batch' | 'throughput'>;
  best: Pick<ReportRow, 'model' | 'runtime' | 'backend' | 'threads' | 'batch' | 'throughput'>;
  ratio: number;
  /** The decision, as What ran explains it. */
  summary: string;
}

/** The ratio for one choice; null when the sweep has no row of the family to hold it against. */
export function autoOverBest(model: string, family: readonly string[], chosen: ReportRow, swept: readonly ReportRow[], summary: string): AutoOverBest | null {
  const rows = swept.filter((r) => family.includes(r.model) && r.throughput > 0);
  const best = rows.reduce<ReportRow | null>((top, r) => (top === null || r.throughput > top.throughput ? r : top), null);
  if (!best) return null;
  const pick = ({ model: m, runtime, backend, threads, batch, throughput }: ReportRow) => ({ model: m, runtime, backend, threads, batch, throughput });
  return { model, chosen: pick(chosen), best: pick(best), ratio: chosen.throughput / best.throughput, summary };
}

export function formatAutoLines(results: readonly AutoOverBest[]): string[] {
  if (results.length === 0) return [];
  const where = (r: AutoOverBest['chosen']) =>
    `${r.model} ${r.runtime}/${r.backend}${r.threads ? ` ${r.threads} thread(s)` : ''} batch ${r.batch}: ${r.throughput.toFixed(1)} img/s`;
  return [
    `auto/best = ${Math.min(...results.map((r) => r.ratio)).toFixed(3)} (the measured choice's img/s over the best swept row of its family; target ≥ 0.95)`,
    ...results.flatMap((r) => [`  ${r.model}: chose ${where(r.chosen)}; best ${where(r.best)}: ${r.ratio.toFixed(3)}`, `    measured: ${r.summary}`]),
  ];
}
