/**
 * The run summary, derived from the cards every time instead of kept in counters: a drop made
 * while the app was starting, then a model change, once left "2 of 5 done" on screen while all
 * five cards had finished, because a superseded request's counter stopped counting.
 */
import type { ResultCard, RunState } from './resultsSlice';

export interface RunSummary {
  /** The run's cards that are no longer pending, and all of the run's cards. */
  done: number;
  total: number;
  /** Over every card on screen: error cards that are not cancellations. */
  failed: number;
  cancelled: number;
  /** Over every card on screen: still waiting for a result. */
  pending: number;
  firstResultMs: number | null;
  totalMs: number | null;
}

type CardFacts = Pick<ResultCard, 'key' | 'status' | 'item'>;

const isCancelledCard = (card: CardFacts): boolean => card.item?.status === 'error' && card.item.error.code === 'cancelled';

export function summariseRun(cards: readonly CardFacts[], run: Pick<RunState, 'cardKeys' | 'firstResultMs' | 'totalMs'> | null): RunSummary {
  const summary: RunSummary = {
    done: 0,
    total: 0,
    failed: 0,
    cancelled: 0,
    pending: 0,
    firstResultMs: run?.firstResultMs ?? null,
    totalMs: run?.totalMs ?? null,
  };
  for (const card of cards) {
    if (card.status === 'pending') summary.pending += 1;
    else if (card.status === 'error') {
      if (isCancelledCard(card)) summary.cancelled += 1;
      else summary.failed += 1;
    }
    if (run?.cardKeys.has(card.key)) {
      summary.total += 1;
      if (card.status !== 'pending') summary.done += 1;
    }
  }
  return summary;
}

/** "3 of 5 done · first result 420 ms · all in 1900 ms" (the failures are told apart in the view). */
export function progressText(summary: RunSummary): string {
  if (summary.total === 0) return '';
  const parts = [`${summary.done} of ${summary.total} done`];
  if (summary.firstResultMs !== null) parts.push(`first result ${summary.firstResultMs.toFixed(0)} ms`);
  if (summary.totalMs !== null) parts.push(`all in ${summary.totalMs.toFixed(0)} ms`);
  return parts.join(' · ');
}
