/**
 * How results reach the cards: coalesced (hundreds of items a second become one store update per
 * 50 ms), applied only to cards still waiting for them from the same claim, and the run's timing
 * settled from the cards themselves.
 */
import { useStore, type ResultCard } from '@/app/store/index';
import { createCoalescer } from '@/shared/coalescer';
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { SerializedError } from '@/shared/errors';

export interface ItemUpdate {
  claim: number;
  key: string;
  item: ClassifyItem;
}

/** A re-run keeps the thumbnail it has; a first result brings the worker's small one. */
function thumbnailUrl(card: ResultCard, item: ClassifyItem): string | null {
  if (card.thumbUrl !== null) return card.thumbUrl;
  return item.status === 'ok' && item.thumbnail ? URL.createObjectURL(item.thumbnail) : null;
}

/** Marks the run finished once none of its cards is pending. */
function settleRun(): void {
  const { run, cards } = useStore.getState();
  if (!run || run.totalMs !== null) return;
  if (cards.some((c) => c.status === 'pending' && run.cardKeys.has(c.key))) return;
  useStore.setState({ run: { ...run, totalMs: performance.now() - run.startedAt } });
}

function applyItems(updates: readonly ItemUpdate[]): void {
  const byKey = new Map(updates.map((u) => [u.key, u]));
  const { cards, run } = useStore.getState();
  let landedInRun = false;
  let landed = 0;
  const next = cards.map((card): ResultCard => {
    const update = byKey.get(card.key);
    if (!update || update.claim !== card.claim || card.status !== 'pending') return card; // superseded, cancelled or removed
    landed += 1;
    landedInRun ||= run?.cardKeys.has(card.key) ?? false;
    return { ...card, status: update.item.status, item: update.item, thumbUrl: thumbnailUrl(card, update.item) };
  });
  if (landed === 0) return;
  const firstResult = run && landedInRun && run.firstResultMs === null ? { run: { ...run, firstResultMs: performance.now() - run.startedAt } } : {};
  useStore.setState({ cards: next, ...firstResult });
  settleRun();
}

export const itemUpdates = createCoalescer<ItemUpdate>(applyItems);

/** Turns pending cards into error cards (a failed request, a cancel), each with its own message. */
export function failPending(matches: (card: ResultCard) => boolean, error: SerializedError): void {
  itemUpdates.flush(); // results that already arrived win over the failure
  const next = useStore.getState().cards.map((card): ResultCard => {
    if (card.status !== 'pending' || !matches(card)) return card;
    return { ...card, status: 'error', item: { name: card.name, status: 'error', error } };
  });
  useStore.setState({ cards: next });
  settleRun();
}

/** A run starts at a drop, or at a re-run of cards; a drop while one is in flight joins it. */
export function beginRun(keys: readonly string[], startedAt: number): void {
  const { run } = useStore.getState();
  const joins = run !== null && run.totalMs === null && keys.every((k) => !run.cardKeys.has(k));
  useStore.setState({
    run: joins
      ? { ...run, cardKeys: new Set([...run.cardKeys, ...keys]) }
      : { modelKey: '', cardKeys: new Set(keys), startedAt, firstResultMs: null, totalMs: null },
  });
}

/** Records which model and backend the run's request used, once the model is known. */
export function setRunModel(modelKey: string): void {
  const { run } = useStore.getState();
  if (run && run.modelKey !== modelKey) useStore.setState({ run: { ...run, modelKey } });
}
