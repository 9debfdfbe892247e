import type { StateCreator } from 'zustand';

/** Which view is open. In the store (not App's own state) so a view can send the person to another: Live's snapshot → Classify. */
export interface ViewSlice {
  view: string;
}

const initialView = (): string =>
  typeof window === 'undefined' || !window.location ? 'classify' : (new URLSearchParams(window.location.search).get('view') ?? 'classify');

export const createViewSlice: StateCreator<ViewSlice, [], [], ViewSlice> = () => ({ view: initialView() });
