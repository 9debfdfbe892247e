/**
 * The one contract between the page and the TF.js worker: the request and event unions, put
 * together from the engine's own messages (./messages.ts) and each feature's
 * (features/<name>/shared/messages.ts). Every request carries an `id`; the worker answers with any
 * number of streamed events for that id and exactly one terminal event. Which events are terminal,
 * and which one answers each request, is written once below as a table the compiler checks
 * against the unions: a new request or event that is missing from a table does not compile.
 * Everything that crosses must survive structured clone: no classes, no functions.
 */
import type { EngineWorkerEvent, EngineWorkerRequest } from './messages';
import type { TimeBackendsWorkerEvent, TimeBackendsWorkerRequest } from './timeBackends';
import type { BenchmarkWorkerEvent, BenchmarkWorkerRequest } from '@/features/benchmark/shared/messages';
import type { ClassifyWorkerEvent, ClassifyWorkerRequest } from '@/features/classify/shared/messages';
import type { CompareWorkerEvent, CompareWorkerRequest } from '@/features/compare/shared/messages';
import type { ExplainWorkerEvent, ExplainWorkerRequest } from '@/features/explain/shared/messages';
import type { InspectWorkerEvent, InspectWorkerRequest } from '@/features/inspect/shared/messages';
import type { LiveWorkerEvent, LiveWorkerRequest } from '@/features/live/shared/messages';
import type { TeachWorkerEvent, TeachWorkerRequest } from '@/features/teach/shared/messages';

export type WorkerRequest =
  | EngineWorkerRequest
  | ClassifyWorkerRequest
  | InspectWorkerRequest
  | CompareWorkerRequest
  | BenchmarkWorkerRequest
  | ExplainWorkerRequest
  | TimeBackendsWorkerRequest
  | LiveWorkerRequest
  | TeachWorkerRequest;

export type WorkerEvent =
  | EngineWorkerEvent
  | ClassifyWorkerEvent
  | InspectWorkerEvent
  | CompareWorkerEvent
  | BenchmarkWorkerEvent
  | ExplainWorkerEvent
  | TimeBackendsWorkerEvent
  | LiveWorkerEvent
  | TeachWorkerEvent;

export type RequestType = WorkerRequest['type'];
export type EventType = WorkerEvent['type'];

/** Every request type (the handler refuses anything else). */
const REQUEST_TYPES = {
  init: true,
  load: true,
  classify: true,
  inspect: true,
  compare: true,
  benchmark: true,
  explain: true,
  'time-backends': true,
  'live-frame': true,
  'teach-embed': true,
  'teach-train': true,
  fault: true,
  cancel: true,
} as const satisfies Record<RequestType, true>;

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(REQUEST_TYPES, type);
}

/** Does this event end its request (true), or is it streamed before the end (false)? */
const TERMINAL = {
  progress: false,
  item: false,
  'compare-row': false,
  sample: false,
  'batch-done': false,
  'teach-embedding': false,
  'teach-epoch': false,
  notice: false,
  'engine-changed': false,
  alive: false,
  memory: false,
  ready: true,
  loaded: true,
  classified: true,
  inspected: true,
  compared: true,
  benchmarked: true,
  explained: true,
  'backends-timed': true,
  'live-result': true,
  'teach-embedded': true,
  'teach-trained': true,
  'fault-injected': true,
  cancelled: true,
  error: true,
} as const satisfies Record<EventType, boolean>;

type TerminalType = { [T in EventType]: (typeof TERMINAL)[T] extends true ? T : never }[EventType];
export type TerminalEvent = Extract<WorkerEvent, { type: TerminalType }>;
export type StreamEvent = Exclude<WorkerEvent, TerminalEvent>;

export function isTerminal(event: WorkerEvent): event is TerminalEvent {
  return TERMINAL[event.type];
}

/** Request types that expect an answer (cancel is fire-and-forget). */
export type AnswerableRequest = Exclude<WorkerRequest, { type: 'cancel' }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request as the caller writes it: the client adds the id. */
export type RequestBody = DistributiveOmit<AnswerableRequest, 'id'>;

/** The terminal event each answerable request resolves with (besides `cancelled` and `error`, which any may end with). */
const RESPONSE = {
  init: 'ready',
  load: 'loaded',
  classify: 'classified',
  inspect: 'inspected',
  compare: 'compared',
  benchmark: 'benchmarked',
  explain: 'explained',
  'time-backends': 'backends-timed',
  'live-frame': 'live-result',
  'teach-embed': 'teach-embedded',
  'teach-train': 'teach-trained',
  fault: 'fault-injected',
} as const satisfies Record<AnswerableRequest['type'], Exclude<TerminalType, 'cancelled' | 'error'>>;

/** Which terminal event a request type resolves with. */
export type ResponseFor = { [R in keyof typeof RESPONSE]: Extract<WorkerEvent, { type: (typeof RESPONSE)[R] }> };

/** Events that are not tied to one request's answer: the client hands them to every broadcast listener too. */
const BROADCAST = ['notice', 'engine-changed', 'memory'] as const satisfies readonly StreamEvent['type'][];
export type BroadcastEvent = Extract<WorkerEvent, { type: (typeof BROADCAST)[number] }>;

export function isBroadcast(event: WorkerEvent): event is BroadcastEvent {
  return (BROADCAST as readonly EventType[]).includes(event.type);
}

export type PostFn = (event: WorkerEvent, transfer?: Transferable[]) => void;
