/**
 * The page's one engine: the TF.js worker behind the typed LumenEngine interface, started on first
 * use. Callers use getEngine(); the main thread never imports TF.js.
 */
import { engineOver, type LumenEngine } from '@/engine/shared/lumenEngine';
import { WorkerClient, type WorkerFactory, type WorkerLike } from './workerClient';

let client: WorkerClient | null = null;
let engine: LumenEngine | null = null;

// Each worker gets a unique name: it names the Web Lock by which the client learns of its death.
const engineWorker: WorkerFactory = (name) => new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;

export function getEngine(): LumenEngine {
  client ??= new WorkerClient(engineWorker);
  engine ??= engineOver(client);
  return engine;
}

/** The wasm threads the engine's worker was asked to run with; null: the device's default. */
export function engineWasmThreads(): number | null {
  return client?.wasmThreads ?? null;
}

/** Restarts the engine's worker with `threads` wasm threads (null: the default), the backend and model replayed. */
export async function restartEngineWithWasmThreads(threads: number | null): Promise<void> {
  getEngine();
  await client?.restartWithWasmThreads(threads);
}

/**
 * A second, short-lived engine worker with `threads` wasm threads, for the measured choice to time
 * what the engine's own pool size cannot show; `close` ends it (call it in finally).
 */
export function openProbeEngine(threads: number | null): { engine: LumenEngine; close: () => void } {
  const probe = new WorkerClient(engineWorker, threads);
  return { engine: engineOver(probe), close: () => probe.terminate() };
}

export type { LumenEngine, RequestHandle, RequestOptions } from '@/engine/shared/lumenEngine';
