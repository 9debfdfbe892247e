/**
 * The page's one engine: the TF.js worker behind the typed LumenEngine interface, started on first
 * use. Callers use getEngine(); the main thread never imports TF.js.
 */
import { engineOver, type LumenEngine } from '@/engine/shared/lumenEngine';
import { WorkerClient, type WorkerLike } from './workerClient';

let client: WorkerClient | null = null;
let engine: LumenEngine | null = null;

/** TEMPORARY: the raw client, until the last store callers use getEngine(). */
export function getClient(): WorkerClient {
  // Each worker gets a unique name: it names the Web Lock by which the client learns of its death.
  client ??= new WorkerClient((name) => new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike);
  return client;
}

export function getEngine(): LumenEngine {
  engine ??= engineOver(getClient());
  return engine;
}

export type { LumenEngine, RequestHandle, RequestOptions } from '@/engine/shared/lumenEngine';
