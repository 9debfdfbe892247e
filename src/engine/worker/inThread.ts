/**
 * The engine interface in this thread: requests go straight to the worker's own handler (with
 * createTfEngine, or a fake engine in tests), with no Worker, no structured clone and no restart.
 * Events route and settle exactly as through WorkerClient, so a test of a caller over this engine
 * exercises the same protocol the page's worker proxy does.
 */
import { engineOver, terminalError, type EngineTransport, type LumenEngine, type RequestHandle, type RequestOptions } from '@/engine/shared/lumenEngine';
import { isBroadcast, isTerminal, type BroadcastEvent, type RequestBody, type ResponseFor, type WorkerEvent } from '@/engine/shared/protocol';
import type { LumenError } from '@/shared/errors';
import type { Engine } from './engine';
import { createHandler } from './handler';

interface Pending {
  onEvent: RequestOptions['onEvent'];
  resolve: (event: WorkerEvent) => void;
  reject: (error: LumenError) => void;
}

export function inThreadTransport(engine: Engine): EngineTransport {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: BroadcastEvent) => void>();
  const handle = createHandler(engine, (event) => {
    if (isBroadcast(event)) for (const listener of listeners) listener(event);
    const waiting = pending.get(event.id);
    if (!waiting) return;
    if (!isTerminal(event)) {
      waiting.onEvent?.(event);
      return;
    }
    pending.delete(event.id);
    const error = terminalError(event);
    if (error) waiting.reject(error);
    else waiting.resolve(event);
  });
  return {
    request<B extends RequestBody>(body: B, options: RequestOptions = {}): RequestHandle<ResponseFor[B['type']]> {
      const id = nextId++;
      const result = new Promise<ResponseFor[B['type']]>((resolve, reject) => {
        pending.set(id, { onEvent: options.onEvent, resolve: resolve as (event: WorkerEvent) => void, reject });
      });
      void handle({ ...body, id });
      return { id, result };
    },
    cancel(target) {
      if (pending.has(target)) void handle({ type: 'cancel', id: nextId++, target });
    },
    onBroadcast(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The engine interface over `engine` in this thread. */
export function inThreadEngine(engine: Engine): LumenEngine {
  return engineOver(inThreadTransport(engine));
}
