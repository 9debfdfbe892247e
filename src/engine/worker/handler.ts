/**
 * Message handler for the TF.js worker, independent of `self` so vitest can drive it with a fake
 * engine and a recording `post`. Requests run one at a time (TF.js has one backend and one device
 * queue; interleaving two jobs would only make both slower and their timings meaningless), while
 * `cancel` acts at once: a queued request is dropped, a running one stops at its next checkpoint.
 */
import type { Engine } from './engine';
import type { ProgressFn } from './predict';
import { benchmarkOptionsProblem } from '@/features/benchmark/shared/benchVariants';
import { assertNever } from '@/shared/assertNever';
import { LumenError, isCancelled, serializeError } from '@/shared/errors';
import { isRequestType, type AnswerableRequest, type PostFn, type WorkerRequest } from '@/engine/shared/protocol';

function isRequest(message: unknown): message is WorkerRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, id } = message as { type?: unknown; id?: unknown };
  return isRequestType(type) && typeof id === 'number';
}

export function createHandler(engine: Engine, post: PostFn): (message: unknown) => Promise<void> {
  const pending = new Set<number>();
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  /** The request running now: what the engine meets (a lost GPU, a retried download) is told on it. */
  let running = 0;
  engine.subscribe?.({
    notice: (notice) => post({ type: 'notice', id: running, notice }),
    engineChanged: (info) => post({ type: 'engine-changed', id: running, engine: info }),
  });

  const execute = async (request: AnswerableRequest): Promise<void> => {
    const { id } = request;
    const onProgress: ProgressFn = (stage, fraction, detail) => post({ type: 'progress', id, stage, fraction, detail });
    const isCancelledNow = (): boolean => cancelled.has(id);
    running = id;
    try {
      if (isCancelledNow()) throw new LumenError('cancelled', 'Cancelled before it started.');
      switch (request.type) {
        case 'init':
          post({ type: 'ready', id, engine: await engine.init(request.backend, onProgress, request.measured) });
          break;
        case 'load':
          post({ type: 'loaded', id, model: await engine.load(request.model, onProgress) });
          break;
        case 'classify': {
          const started = performance.now();
          const { count, failed } = await engine.classify(request, {
            onItem: (index, item) => post({ type: 'item', id, index, item }),
            onNotice: (notice) => post({ type: 'notice', id, notice }),
            onProgress,
            isCancelled: isCancelledNow,
          });
          post({ type: 'classified', id, count, failed, totalMs: performance.now() - started });
          break;
        }
        case 'inspect':
          post({ type: 'inspected', id, report: await engine.inspect(request.model, onProgress) });
          break;
        case 'compare': {
          const { count, failed } = await engine.compare(request, {
            onRow: (index, row) => post({ type: 'compare-row', id, index, row }),
            onProgress,
            isCancelled: isCancelledNow,
          });
          post({ type: 'compared', id, count, failed });
          break;
        }
        case 'benchmark': {
          const problem = benchmarkOptionsProblem(request.options);
          if (problem) throw new LumenError('bad-request', `Benchmark: ${problem}.`);
          const summary = await engine.benchmark(request.model, request.options, {
            onSample: (sample) => post({ type: 'sample', id, ...sample }),
            onBatch: (result) => post({ type: 'batch-done', id, result }),
            onProgress,
            isCancelled: isCancelledNow,
          });
          post({ type: 'benchmarked', id, summary });
          break;
        }
        case 'explain':
          post({ type: 'explained', id, explanation: await engine.explain(request, onProgress) });
          break;
        case 'time-backends':
          if (!engine.timeBackends) throw new LumenError('bad-request', 'This engine cannot time backends.');
          post({ type: 'backends-timed', id, timings: await engine.timeBackends(request.model, onProgress, request.members, request.backends) });
          break;
        case 'live-frame':
          post({ type: 'live-result', id, result: await engine.liveFrame(request.model, request.frame, request.k, onProgress) });
          break;
        case 'teach-embed': {
          if (!engine.teachEmbed) throw new LumenError('bad-request', 'This engine cannot teach.');
          const done = await engine.teachEmbed(request, {
            onItem: (index, embedding) => post({ type: 'teach-embedding', id, index, embedding }),
            onProgress,
            isCancelled: isCancelledNow,
          });
          post({ type: 'teach-embedded', id, ...done });
          break;
        }
        case 'teach-train': {
          if (!engine.teachTrain) throw new LumenError('bad-request', 'This engine cannot teach.');
          const result = await engine.teachTrain(request, {
            onEpoch: (epoch) => post({ type: 'teach-epoch', id, epoch }),
            onProgress,
            isCancelled: isCancelledNow,
          });
          post({ type: 'teach-trained', id, result });
          break;
        }
        case 'fault':
          throw new LumenError('bad-request', 'Faults are injected at once, never queued.');
        default:
          assertNever(request, 'request');
      }
    } catch (error) {
      post(isCancelled(error) ? { type: 'cancelled', id } : { type: 'error', id, error: serializeError(error) });
    } finally {
      pending.delete(id);
      cancelled.delete(id);
      running = 0;
      // What the tf-memory test hook shows: tensors once this request is completely done.
      post({ type: 'memory', id: 0, memory: engine.memory() });
    }
  };

  return (message) => {
    if (!isRequest(message)) {
      const id = typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : -1;
      post({ type: 'error', id, error: serializeError(new LumenError('bad-request', `Unknown message: ${JSON.stringify(message)}`)) });
      return Promise.resolve();
    }
    if (message.type === 'cancel') {
      if (pending.has(message.target)) cancelled.add(message.target);
      return Promise.resolve();
    }
    if (message.type === 'fault') {
      // At once, not behind the running request: the point is to hit it mid-flight.
      const { id, kind } = message;
      return engine.injectFault(kind).then(
        () => post({ type: 'fault-injected', id, kind }),
        (error: unknown) => post({ type: 'error', id, error: serializeError(error) }),
      );
    }
    pending.add(message.id);
    const run = queue.then(() => execute(message));
    queue = run;
    return run;
  };
}
