/**
 * Owns the TF.js worker from the page's side: gives each request an id, routes streamed events to
 * the caller, resolves on the terminal event, and rebuilds errors. When the worker dies (its life
 * lock is released, or it throws an uncaught error) the client starts a new one, restores the
 * backend and model, and re-sends what had not finished: only the images, rows and batch sizes
 * that had not come back, so nothing is delivered twice and no request is left waiting.
 */
import { watchLifeLock } from '@/engine/shared/liveness';
import { withWasmThreads } from '@/engine/shared/wasmThreadsName';
import { LumenError } from '@/shared/errors';
import {
  isBroadcast,
  isTerminal,
  type BroadcastEvent,
  type RequestBody,
  type ResponseFor,
  type StreamEvent,
  type WorkerEvent,
  type WorkerRequest,
} from '@/engine/shared/protocol';
import { terminalError, type EngineTransport, type RequestHandle, type RequestOptions } from '@/engine/shared/lumenEngine';
import { mapEvent, newDelivered, recordDelivery, resumeRequest, whyNotResumed, type Delivered } from './resume';

/** The part of `Worker` the client uses; tests pass an in-process fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Makes a worker; `name` is unique per worker and names its life lock. */
export type WorkerFactory = (name: string) => WorkerLike;

interface Pending {
  body: RequestBody;
  onEvent: ((event: StreamEvent) => void) | undefined;
  resolve: (event: WorkerEvent) => void;
  reject: (error: LumenError) => void;
  delivered: Delivered;
  /** Index map of the copy now in flight, after a restart (null: the original). */
  remap: number[] | null;
  crashes: number;
}

/** A request that was in flight through this many worker deaths is given up on: it is likely the cause. */
const MAX_CRASHES_PER_REQUEST = 2;
/** More deaths than this within a minute: stop restarting (the page would only loop). */
const MAX_RESTARTS_PER_MINUTE = 4;

export class WorkerClient implements EngineTransport {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: BroadcastEvent) => void>();
  private readonly factory: WorkerFactory;
  private worker: WorkerLike;
  private generation = 0;
  private restarts: number[] = [];
  /** What to replay in a new worker so it runs where the old one did: the last init and load. */
  private lastInit: RequestBody | null = null;
  private lastLoad: RequestBody | null = null;
  /** The wasm threads its workers are started with (null: the device's default); see restartWithWasmThreads. */
  private threads: number | null;

  constructor(worker: WorkerLike | WorkerFactory, wasmThreads: number | null = null) {
    this.factory = typeof worker === 'function' ? worker : () => worker;
    this.threads = wasmThreads;
    this.worker = this.spawn();
  }

  /** The wasm threads asked of the worker; null: the device's default. */
  get wasmThreads(): number | null {
    return this.threads;
  }

  /**
   * Starts a new worker with `threads` wasm threads (null: the device's default) in place of this
   * one: TF.js and ONNX Runtime size their pools once per worker. The last backend and model are
   * replayed in it, as after a crash, and unfinished requests sent again; resolves once it is ready.
   */
  async restartWithWasmThreads(threads: number | null): Promise<void> {
    if (threads === this.threads) return;
    this.threads = threads;
    const unfinished = [...this.pending.entries()].sort(([a], [b]) => a - b);
    this.worker.terminate(); // its lock's release is ignored: spawn moves the generation on
    this.worker = this.spawn();
    const replayed = this.replay();
    this.resend(unfinished, 'restarted with other wasm threads');
    await Promise.all(replayed);
  }

  request<B extends RequestBody>(body: B, options: RequestOptions = {}): RequestHandle<ResponseFor[B['type']]> {
    const id = this.nextId++;
    const result = new Promise<ResponseFor[B['type']]>((resolve, reject) => {
      this.pending.set(id, {
        body,
        onEvent: options.onEvent,
        resolve: resolve as (event: WorkerEvent) => void,
        reject,
        delivered: newDelivered(),
        remap: null,
        crashes: 0,
      });
    });
    this.worker.postMessage({ ...body, id } as WorkerRequest, options.transfer ?? []);
    return { id, result };
  }

  /** Asks the worker to stop request `target`; its promise then rejects with code `cancelled`. */
  cancel(target: number): void {
    if (!this.pending.has(target)) return;
    this.worker.postMessage({ type: 'cancel', id: this.nextId++, target }, []);
  }

  /** Notices, engine changes and memory snapshots, whichever request (or none) they came with. */
  onBroadcast(listener: (event: BroadcastEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.generation += 1; // its death is ours, not a crash
    this.worker.terminate();
    this.failAll(new LumenError('cancelled', 'The worker was shut down.'));
  }

  private spawn(): WorkerLike {
    const generation = ++this.generation;
    const name = withWasmThreads(`lumen-tfjs-${Date.now().toString(36)}-${generation}`, this.threads);
    const worker = this.factory(name);
    worker.addEventListener('message', (event) => {
      if (generation !== this.generation) return; // a late word from a worker already replaced
      if (event.data.type === 'alive') watchLifeLock(name, () => this.died(generation, 'it stopped'));
      else this.dispatch(event.data);
    });
    worker.addEventListener('error', (event) => this.died(generation, event.message || 'an uncaught error'));
    return worker;
  }

  private died(generation: number, reason: string): void {
    if (generation !== this.generation) return;
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    this.worker.terminate();
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      this.generation += 1;
      this.failAll(new LumenError('worker-crashed', `The inference worker keeps crashing (${reason}); reload the page.`));
      return;
    }
    const started = performance.now();
    const unfinished = [...this.pending.entries()].sort(([a], [b]) => a - b);
    this.worker = this.spawn();
    const carried = this.replay();
    const resent = this.resend(unfinished, reason);
    this.restoredNotice(reason, started, carried, resent);
  }

  /** Replays the last backend choice and model load in the new worker, answered to no one. */
  private replay(): Promise<unknown>[] {
    const inFlight = new Set([...this.pending.values()].map((p) => p.body.type));
    const answers: Promise<unknown>[] = [];
    for (const body of [inFlight.has('init') ? null : this.lastInit, inFlight.has('load') ? null : this.lastLoad]) {
      if (!body) continue;
      const { result } = this.request(body);
      // The new worker chose its backend afresh (a GPU lost in the old one may be back): say which.
      const told = result.then((event) => event.type === 'ready' && this.broadcast({ type: 'engine-changed', id: 0, engine: event.engine }));
      answers.push(told.catch(() => undefined));
    }
    return answers;
  }

  private resend(unfinished: [number, Pending][], reason: string): number {
    let resent = 0;
    for (const [id, pending] of unfinished) {
      if (pending.body.type === 'fault') {
        // A worker-crash fault did what it was asked; any other fault request went down with the worker.
        this.settle(id, pending, pending.body.kind === 'worker-crash' ? { type: 'fault-injected', id, kind: pending.body.kind } : null, reason);
        continue;
      }
      pending.crashes += 1;
      if (pending.crashes > MAX_CRASHES_PER_REQUEST) {
        this.settle(id, pending, null, `${reason}, ${pending.crashes} times while running this request`);
        continue;
      }
      const resumed = resumeRequest(pending.body, pending.delivered);
      if (!resumed) {
        this.settle(id, pending, null, `${reason}, ${whyNotResumed(pending.body)}`);
        continue;
      }
      pending.remap = resumed.remap;
      for (const index of resumed.lost) {
        const image = pending.body.type === 'classify' ? pending.body.images[index] : undefined;
        const error = {
          name: 'LumenError',
          code: 'worker-crashed' as const,
          message: `"${image?.name ?? index}" was lost with the crashed worker; add it again.`,
        };
        this.deliver(pending, { type: 'item', id, index, item: { name: image?.name ?? String(index), status: 'error', error } });
      }
      this.worker.postMessage({ ...resumed.body, id } as WorkerRequest, []);
      resent += 1;
    }
    return resent;
  }

  private restoredNotice(reason: string, started: number, replayed: Promise<unknown>[], resent: number): void {
    void Promise.all(replayed).then(() => {
      const notice = {
        kind: 'worker-restarted' as const,
        message: `The inference worker died (${reason}). A new one was started${this.lastInit ? ' on the same backend' : ''} and ${resent} unfinished request${resent === 1 ? ' was' : 's were'} sent again.`,
        recoveryMs: performance.now() - started,
      };
      this.broadcast({ type: 'notice', id: 0, notice });
    });
  }

  private settle(id: number, pending: Pending, answer: WorkerEvent | null, reason: string): void {
    this.pending.delete(id);
    if (answer) pending.resolve(answer);
    else pending.reject(new LumenError('worker-crashed', `The inference worker died (${reason}).`));
  }

  private deliver(pending: Pending, event: StreamEvent): void {
    recordDelivery(pending.delivered, event);
    pending.onEvent?.(event);
  }

  private broadcast(event: BroadcastEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private dispatch(event: WorkerEvent): void {
    if (isBroadcast(event)) this.broadcast(event);
    const pending = this.pending.get(event.id);
    if (!pending) return; // late events of a request already settled, or broadcasts
    if (!isTerminal(event)) {
      this.deliver(pending, mapEvent(event, pending.remap));
      return;
    }
    this.pending.delete(event.id);
    const error = terminalError(event);
    if (error) pending.reject(error);
    else {
      if (pending.body.type === 'init') this.lastInit = pending.body;
      if (pending.body.type === 'load') this.lastLoad = pending.body;
      pending.resolve(event);
    }
  }

  private failAll(error: LumenError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
