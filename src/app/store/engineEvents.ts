/**
 * Listens to what the worker client broadcasts whichever request caused it: recoveries (a lost GPU,
 * a restarted worker, a re-downloaded model), a backend that changed under a request, and the
 * worker's tf.memory() after each request.
 */
import { useStore } from './index';
import { getEngine } from '@/engine/client';
import { assertNever } from '@/shared/assertNever';
import type { BroadcastEvent } from '@/engine/shared/protocol';
import type { Notice } from '@/engine/shared/types';

/** The newest few: enough to read what happened, not a log. */
const MAX_NOTICES = 4;
let nextKey = 1;
let listening = false;

export function pushNotice(notice: Notice): void {
  const shown = { ...notice, key: nextKey++, at: Date.now() };
  useStore.setState((s) => ({ notices: [shown, ...s.notices].slice(0, MAX_NOTICES) }));
}

export function dismissNotice(key: number): void {
  useStore.setState((s) => ({ notices: s.notices.filter((n) => n.key !== key) }));
}

function onBroadcast(event: BroadcastEvent): void {
  switch (event.type) {
    case 'memory':
      useStore.setState({ workerMemory: event.memory });
      return;
    case 'engine-changed':
      // A forced backend that fell back: the picker shows what runs now, not what was asked.
      useStore.setState((s) => ({
        engine: event.engine,
        engineStatus: 'ready',
        requestedBackend: s.requestedBackend === null ? null : event.engine.backend,
      }));
      return;
    case 'notice':
      pushNotice(event.notice);
      return;
    default:
      assertNever(event, 'broadcast event');
  }
}

export function listenToEngine(): void {
  if (listening) return;
  listening = true;
  getEngine().onBroadcast(onBroadcast);
}
