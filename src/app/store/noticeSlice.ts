import type { StateCreator } from 'zustand';
import type { MemorySnapshot, Notice } from '@/engine/shared/types';

export interface ShownNotice extends Notice {
  key: number;
  /** Date.now() when it arrived. */
  at: number;
}

/** What the engine recovered from, told to the person; and the worker's memory for the tf-memory hook. */
export interface NoticeSlice {
  notices: ShownNotice[];
  /** tf.memory() in the worker after its last finished request; null before the first. */
  workerMemory: MemorySnapshot | null;
}

export const createNoticeSlice: StateCreator<NoticeSlice, [], [], NoticeSlice> = () => ({
  notices: [],
  workerMemory: null,
});
