/**
 * Owns the TF.js worker from the page's side: gives each request an id, routes streamed events to
 * the caller, resolves on the terminal event, and rebuilds errors. A worker crash rejects every
 * pending request instead of leaving the page waiting forever.
 */
import { LumenError, deserializeError } from '../shared/errors';
import { isTerminal, type AnswerableRequest, type ResponseFor, type StreamEvent, type WorkerEvent, type WorkerRequest } from '../shared/protocol';

/** The part of `Worker` the client uses; tests pass an in-process fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request as the caller writes it: the client adds the id. */
export type RequestBody = DistributiveOmit<AnswerableRequest, 'id'>;

export interface RequestOptions {
  onEvent?: (event: StreamEvent) => void;
  transfer?: Transferable[];
}

export interface RequestHandle<R> {
  id: number;
  result: Promise<R>;
}

interface Pending {
  onEvent: ((event: StreamEvent) => void) | undefined;
  resolve: (event: WorkerEvent) => void;
  reject: (error: LumenError) => void;
}

export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.dispatch(event.data));
    worker.addEventListener('error', (event) => {
      this.failAll(new LumenError('internal', `The inference worker crashed: ${event.message || 'unknown error'}. Reload the page to start a new one.`));
    });
  }

  request<B extends RequestBody>(body: B, options: RequestOptions = {}): RequestHandle<ResponseFor[B['type']]> {
    const id = this.nextId++;
    const result = new Promise<ResponseFor[B['type']]>((resolve, reject) => {
      this.pending.set(id, { onEvent: options.onEvent, resolve: resolve as (event: WorkerEvent) => void, reject });
    });
    this.worker.postMessage({ ...body, id }, options.transfer ?? []);
    return { id, result };
  }

  /** Asks the worker to stop request `target`; its promise then rejects with code `cancelled`. */
  cancel(target: number): void {
    if (!this.pending.has(target)) return;
    this.worker.postMessage({ type: 'cancel', id: this.nextId++, target }, []);
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new LumenError('cancelled', 'The worker was shut down.'));
  }

  private dispatch(event: WorkerEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending) return; // late events of a request already settled
    if (!isTerminal(event)) {
      pending.onEvent?.(event);
      return;
    }
    this.pending.delete(event.id);
    if (event.type === 'error') pending.reject(deserializeError(event.error));
    else if (event.type === 'cancelled') pending.reject(new LumenError('cancelled', 'Cancelled.'));
    else pending.resolve(event);
  }

  private failAll(error: LumenError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
