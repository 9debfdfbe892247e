import { useId, type ReactNode } from 'react';

/**
 * A wide card whose table may scroll sideways on a narrow screen (responsive.css): it takes focus
 * so the keyboard can scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable), and its
 * heading names it for a screen reader.
 */
export function ScrollCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  const heading = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be focusable, or the keyboard cannot scroll it
    <section className="zoo-card zoo-wide" aria-labelledby={heading} tabIndex={0}>
      <h3 id={heading}>{title}</h3>
      {children}
    </section>
  );
}
