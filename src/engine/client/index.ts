/**
 * The page's one engine: the TF.js worker behind the typed LumenEngine interface, started on first
 * use. Callers use getEngine(); the main thread never imports TF.js.
 */
import { engineOver, type LumenEngine } from '@/engine/shared/lumenEngine';
import { WorkerClient, type WorkerLike } from './workerClient';

let engine: LumenEngine | null = null;

export function getEngine(): LumenEngine {
  // Each worker gets a unique name: it names the Web Lock by which the client learns of its death.
  engine ??= engineOver(
    new WorkerClient((name) => new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike),
  );
  return engine;
}

export type { LumenEngine, RequestHandle, RequestOptions } from '@/engine/shared/lumenEngine';
