/**
 * The training chart draws at most a few hundred points however many epochs ran: an SVG line of
 * 5000 points redrawn on every update starves the page's thread (and a cancel click with it).
 */

/** At most `limit` items, evenly spread, always keeping the first and the last. */
export function evenlyThinned<T>(items: readonly T[], limit: number): T[] {
  if (limit < 2 || items.length <= limit) return [...items];
  const out: T[] = [];
  const step = (items.length - 1) / (limit - 1);
  for (let i = 0; i < limit; i++) {
    const item = items[Math.round(i * step)];
    if (item !== undefined) out.push(item);
  }
  return out;
}
