import { useRef, type KeyboardEvent } from 'react';

export interface ViewTab {
  id: string;
  label: string;
}

export const tabId = (view: string): string => `tab-${view}`;
export const panelId = (view: string): string => `panel-${view}`;

/**
 * The view switcher as a WAI-ARIA tablist: one tab stop (the selected tab), arrow keys move between
 * tabs and select them (Home/End to the ends), so the page is usable from the keyboard alone.
 */
export function ViewTabs({ views, active, onSelect }: { views: readonly ViewTab[]; active: string; onSelect: (id: string) => void }) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = views.findIndex((v) => v.id === active);
    const last = views.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = views[(next + views.length) % views.length];
    if (!target) return;
    onSelect(target.id);
    buttons.current.get(target.id)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {views.map((v) => {
        const selected = v.id === active;
        return (
          <button
            key={v.id}
            ref={(el) => {
              if (el) buttons.current.set(v.id, el);
              else buttons.current.delete(v.id);
            }}
            type="button"
            role="tab"
            id={tabId(v.id)}
            aria-selected={selected}
            aria-controls={panelId(v.id)}
            tabIndex={selected ? 0 : -1}
            data-testid={tabId(v.id)}
            onClick={() => onSelect(v.id)}
          >
            {v.label}
          </button>
        );
      })}
    </div>
  );
}
