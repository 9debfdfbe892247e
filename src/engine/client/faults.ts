/**
 * Test hook, stable: with `?faults=on` the page exposes window.lumenFaults.inject(kind), which
 * provokes a fault in the worker and resolves once it has been provoked. Without the query
 * parameter no such object exists.
 */
import { getEngine } from './index';
import { LumenError } from '@/shared/errors';
import { FAULT_KINDS, type FaultKind } from '@/engine/shared/types';

export interface LumenFaults {
  kinds: readonly FaultKind[];
  inject(kind: FaultKind): Promise<void>;
}

declare global {
  interface Window {
    lumenFaults?: LumenFaults;
  }
}

export function installFaultHook(search: string): void {
  if (new URLSearchParams(search).get('faults') !== 'on') return;
  window.lumenFaults = {
    kinds: FAULT_KINDS,
    async inject(kind) {
      if (!FAULT_KINDS.includes(kind)) throw new LumenError('bad-request', `Unknown fault "${String(kind)}"; known: ${FAULT_KINDS.join(', ')}.`);
      await getEngine().fault({ kind });
    },
  };
}
