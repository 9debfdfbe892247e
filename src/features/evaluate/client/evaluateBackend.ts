/**
 * Evaluate's backends: the engine switched to each entry's backend before it runs, as Benchmark's
 * runner does (`init({ backend })`), and the page's own backend and model put back once the run
 * ends, whether it finished, was cancelled or failed (restorePageEngine, shared with Benchmark).
 */
import { restorePageEngine } from '@/app/store/actions';
import { useStore } from '@/app/store/index';
import { getEngine } from '@/engine/client';
import type { BackendName } from '@/engine/shared/types';
import { type EntryIdentity, entryKey } from '@/features/evaluate/shared/evaluateJson';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface BackendSwitcher {
  /** Puts the engine on `backend` unless it is there; why it could not start, or null. */
  use(backend: BackendName | null): Promise<string | null>;
  /** The page's backend and model back, when any entry switched away from them. */
  restore(): Promise<void>;
}

export function backendSwitcher(): BackendSwitcher {
  let current: BackendName | null = useStore.getState().engine?.backend ?? null;
  let switched = false;
  // A backend that cannot start here will not start for the next entry either: say so once per entry, try once.
  const refused = new Map<BackendName, string>();
  return {
    async use(backend) {
      if (backend === null || backend === current) return null;
      const known = refused.get(backend);
      if (known) return known;
      switched = true;
      try {
        current = (await getEngine().init({ backend })).backend;
        return null;
      } catch (error) {
        current = null; // unknown: the next entry asks again
        const why = `The ${backend} backend could not start: ${messageOf(error)}`;
        refused.set(backend, why);
        return why;
      }
    },
    async restore() {
      if (switched) await restorePageEngine();
    },
  };
}

/**
 * Why an entry need not run: another backend already gave the same entry key. ONNX Runtime and
 * LiteRT follow the engine only as far as WebGPU or not, so on webgl as on wasm they run their wasm build.
 */
export function alreadyScored(identity: EntryIdentity, asked: BackendName | null): string | null {
  const key = entryKey(identity);
  const entries = useStore.getState().evaluateRun?.entries ?? [];
  if (!entries.some((e) => e.entry === key)) return null;
  return `${key} is already scored in this run: with TF.js on ${asked ?? 'this backend'}, ${identity.runtime} runs on ${identity.backend} as well.`;
}
