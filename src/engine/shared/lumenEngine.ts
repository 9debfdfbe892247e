/**
 * The one engine interface the page calls (after web-llm's MLCEngineInterface): a typed method per
 * request, so no caller builds `{type: …}` messages. It is written once, over a transport that
 * carries requests and their events; there are two: the page's WorkerClient (a real worker, with
 * its resume, streaming, cancel and restart) and the in-thread one over the worker's own handler
 * (engine/worker/inThread.ts), which the unit tests use.
 */
import { LumenError, deserializeError } from '@/shared/errors';
import type { AnswerableRequest, BroadcastEvent, RequestBody, ResponseFor, StreamEvent, TerminalEvent } from './protocol';
import type { BackendTiming } from './timeBackends';
import type { EngineInfo, FaultKind, ModelInfo } from './types';
import type { BenchmarkSummary } from '@/features/benchmark/shared/messages';
import type { Explanation } from '@/features/explain/shared/messages';
import type { ModelReport } from '@/features/inspect/shared/messages';
import type { LiveResult } from '@/features/live/shared/messages';
import type { TeachEmbedded } from '@/features/teach/shared/messages';
import type { TeachResult } from '@/features/teach/shared/teach';

type AnswerableType = AnswerableRequest['type'];
/** What a method takes: its request without `type` and `id`. */
export type Body<T extends AnswerableType> = Omit<Extract<AnswerableRequest, { type: T }>, 'type' | 'id'>;

export interface RequestOptions {
  /** The request's streamed events (progress, items, samples, epochs, notices…), as they come. */
  onEvent?: (event: StreamEvent) => void;
  /** Objects to transfer rather than copy (a camera frame, bitmaps); ignored in-thread. */
  transfer?: Transferable[];
}

/** A running request: its id (to cancel it by) and its answer. */
export interface RequestHandle<R> {
  id: number;
  result: Promise<R>;
}

/** What carries requests to an engine and its events back: WorkerClient, or the in-thread handler. */
export interface EngineTransport {
  request<B extends RequestBody>(body: B, options?: RequestOptions): RequestHandle<ResponseFor[B['type']]>;
  /** Asks the engine to stop request `target`; its promise then rejects with code `cancelled`. */
  cancel(target: number): void;
  /** Notices, engine changes and memory snapshots, whichever request (or none) they came with. */
  onBroadcast(listener: (event: BroadcastEvent) => void): () => void;
}

export interface Counted {
  count: number;
  failed: number;
}

export interface LumenEngine {
  /** Starts a backend (null: the automatic order); `measured` says why when it is the measured choice. */
  init(body: Body<'init'>, options?: RequestOptions): Promise<EngineInfo>;
  load(body: Body<'load'>, options?: RequestOptions): Promise<ModelInfo>;
  /** Items stream as `item` events; the answer counts them. */
  classify(body: Body<'classify'>, options?: RequestOptions): RequestHandle<Counted & { totalMs: number }>;
  inspect(body: Body<'inspect'>, options?: RequestOptions): RequestHandle<ModelReport>;
  /** Rows stream as `compare-row` events. */
  compare(body: Body<'compare'>, options?: RequestOptions): RequestHandle<Counted>;
  /** Runs stream as `sample`, batch sizes as `batch-done` events. */
  benchmark(body: Body<'benchmark'>, options?: RequestOptions): RequestHandle<BenchmarkSummary>;
  explain(body: Body<'explain'>, options?: RequestOptions): RequestHandle<Explanation>;
  /** A few warm runs on each backend, for the measured automatic choice; the running backend is kept. */
  timeBackends(body: Body<'time-backends'>, options?: RequestOptions): Promise<BackendTiming[]>;
  liveFrame(body: Body<'live-frame'>, options?: RequestOptions): Promise<LiveResult>;
  /** Embeddings stream as `teach-embedding` events. */
  teachEmbed(body: Body<'teach-embed'>, options?: RequestOptions): RequestHandle<TeachEmbedded>;
  /** Dense epochs stream as `teach-epoch` events. */
  teachTrain(body: Body<'teach-train'>, options?: RequestOptions): RequestHandle<TeachResult>;
  /** Test hook: provokes a fault now; resolves once it has been provoked. */
  fault(body: Body<'fault'>, options?: RequestOptions): Promise<FaultKind>;
  cancel(target: number): void;
  onBroadcast(listener: (event: BroadcastEvent) => void): () => void;
}

/** The error a terminal event ends its request with (`error` rebuilt, `cancelled` as code cancelled), or null for an answer. */
export function terminalError(event: TerminalEvent): LumenError | null {
  if (event.type === 'error') return deserializeError(event.error);
  if (event.type === 'cancelled') return new LumenError('cancelled', 'Cancelled.');
  return null;
}

const mapHandle = <R, S>(handle: RequestHandle<R>, pick: (answer: R) => S): RequestHandle<S> => ({ id: handle.id, result: handle.result.then(pick) });

export function engineOver(transport: EngineTransport): LumenEngine {
  const send: EngineTransport['request'] = (body, options) => transport.request(body, options);
  return {
    init: (body, options) => send({ ...body, type: 'init' }, options).result.then((answer) => answer.engine),
    load: (body, options) => send({ ...body, type: 'load' }, options).result.then((answer) => answer.model),
    classify: (body, options) => mapHandle(send({ ...body, type: 'classify' }, options), ({ count, failed, totalMs }) => ({ count, failed, totalMs })),
    inspect: (body, options) => mapHandle(send({ ...body, type: 'inspect' }, options), (answer) => answer.report),
    compare: (body, options) => mapHandle(send({ ...body, type: 'compare' }, options), ({ count, failed }) => ({ count, failed })),
    benchmark: (body, options) => mapHandle(send({ ...body, type: 'benchmark' }, options), (answer) => answer.summary),
    explain: (body, options) => mapHandle(send({ ...body, type: 'explain' }, options), (answer) => answer.explanation),
    timeBackends: (body, options) => send({ ...body, type: 'time-backends' }, options).result.then((answer) => answer.timings),
    liveFrame: (body, options) => send({ ...body, type: 'live-frame' }, options).result.then((answer) => answer.result),
    teachEmbed: (body, options) => mapHandle(send({ ...body, type: 'teach-embed' }, options), ({ count, failed, dim, at }) => ({ count, failed, dim, at })),
    teachTrain: (body, options) => mapHandle(send({ ...body, type: 'teach-train' }, options), (answer) => answer.result),
    fault: (body, options) => send({ ...body, type: 'fault' }, options).result.then((answer) => answer.kind),
    cancel: (target) => transport.cancel(target),
    onBroadcast: (listener) => transport.onBroadcast(listener),
  };
}
