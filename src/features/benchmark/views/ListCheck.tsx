import type { ReactNode } from 'react';

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** One entry of a list the plan runs over (a model, a backend): checked while the list holds it. */
export function ListCheck<T extends string>({
  list,
  item,
  testId,
  set,
  children,
}: {
  list: readonly T[];
  item: T;
  testId: string;
  set(next: T[]): void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" data-testid={testId} checked={list.includes(item)} onChange={(e) => set(toggle(list, item, e.target.checked))} />
      {children}
    </label>
  );
}
