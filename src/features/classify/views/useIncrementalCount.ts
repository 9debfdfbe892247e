import { useEffect, useState } from 'react';

/** Cards rendered at first and added each time the end of the list comes near. */
export const RENDER_STEP = 60;

/**
 * Renders a long list a step at a time: the first RENDER_STEP items, then RENDER_STEP more each
 * time a sentinel after the last one comes within reach of the viewport. A drop of 500 then costs
 * 60 cards of DOM, not 500, and scrolling grows it.
 */
export function useIncrementalCount(total: number): { count: number; sentinel: (node: HTMLElement | null) => void } {
  const [limit, setLimit] = useState(RENDER_STEP);
  const [node, setNode] = useState<HTMLElement | null>(null);
  const more = limit < total;

  useEffect(() => {
    if (total === 0) setLimit(RENDER_STEP); // cleared: the next drop starts small again
  }, [total]);

  // Observing afresh after every step: if the sentinel is still in view, the new observer reports it at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: limit is a trigger: observe afresh after every step (see above)
  useEffect(() => {
    if (!node || !more) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setLimit((n) => n + RENDER_STEP), {
      rootMargin: '800px 0px',
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [node, more, limit]);

  return { count: Math.min(limit, total), sentinel: setNode };
}
