/**
 * Getting the engine working again after its GPU was lost: rebuild the same backend (a fresh
 * context or device), or, when the GPU does not come back, fall back to the next backend in the
 * automatic order and say why. The supervisor runs GPU jobs raced against the loss, so a job that
 * would wait forever on a dead context is abandoned and run again on the recovered backend.
 */
import { tf } from './tfjs';
import { BackendUnavailableError, selectBackend } from './backend';
import { looksLikeGpuLoss, watchGpu, type GpuWatch } from './gpuLoss';
import { LumenError } from '@/shared/errors';
import { BACKENDS, type BackendAttempt, type BackendName, type EngineInfo, type Notice } from '@/engine/shared/types';

/** Tries per job: a GPU lost again and again is not coming back. */
const MAX_RECOVERIES_PER_JOB = 3;
/** How often a running GPU job checks that its context is still alive, ms. */
const LOSS_POLL_MS = 200;

/** Drops the dead backend instance and starts a fresh one of the same name (a new context or device). */
async function rebuild(backend: BackendName): Promise<void> {
  const factory = tf.findBackendFactory(backend);
  if (!factory) throw new Error(`no ${backend} backend is registered`);
  tf.removeBackend(backend);
  tf.registerBackend(backend, factory);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not start ${backend} again`);
  await tf.ready();
}

export interface Recovered {
  info: EngineInfo;
  notice: Notice;
}

/** Starts one backend, forced (backend.ts's selectBackend; tests pass a fake). */
export type StartBackend = (backend: BackendName) => Promise<EngineInfo>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Why a fallback backend did not start, as its own attempts said (or the error, where it gave none). */
function failedAttempts(backend: BackendName, error: unknown): BackendAttempt[] {
  const attempts = error instanceof BackendUnavailableError ? error.attempts.filter((a) => !a.ok) : [];
  return attempts.length > 0 ? attempts : [{ backend, ok: false, reason: messageOf(error) }];
}

/**
 * `gone`: backends whose GPU is known not to come back (the 'gpu-gone' fault, or a rebuild that
 * failed); they are skipped. Returns the engine's new state and what to tell the person: the new
 * EngineInfo's attempts and the notice keep why the lost backend and every fallback before the
 * one that started failed.
 */
export async function recoverBackend(
  lost: BackendName,
  previous: EngineInfo,
  gone: Set<BackendName>,
  started: number,
  start: StartBackend = (backend) => selectBackend(backend),
): Promise<Recovered> {
  let why = 'it is marked as gone';
  if (!gone.has(lost)) {
    try {
      await rebuild(lost);
      const info: EngineInfo = { ...previous, flags: { ...tf.env().getFlags() } };
      const message = `The GPU behind ${lost} was lost; ${lost} was started again and the work in flight re-run.`;
      return { info, notice: { kind: 'gpu-lost', message, recoveryMs: performance.now() - started } };
    } catch (error) {
      why = messageOf(error);
      gone.add(lost);
    }
  }
  const factory = tf.findBackendFactory(lost);
  if (factory && tf.engine().registry[lost]) {
    // Free the dead instance, but keep the name registered so the person can pick it again later.
    tf.removeBackend(lost);
    tf.registerBackend(lost, factory);
  }
  const failed: BackendAttempt[] = [{ backend: lost, ok: false, reason: `lost its GPU, which did not come back: ${why}` }];
  for (const candidate of BACKENDS.slice(BACKENDS.indexOf(lost) + 1).filter((b) => !gone.has(b))) {
    try {
      const next = await start(candidate);
      const fallbacks = failed.slice(1);
      const before = fallbacks.length > 0 ? `; ${fallbacks.map((a) => `${a.backend} could not start (${a.reason})`).join('; ')}` : '';
      const reason = `${lost} lost its GPU and it did not come back (${why})${before}; fell back to ${candidate}`;
      const info: EngineInfo = { ...next, forced: previous.forced, reason, attempts: [...failed, ...next.attempts] };
      return {
        info,
        notice: { kind: 'backend-fallback', message: `${reason}. The work in flight was re-run there.`, recoveryMs: performance.now() - started },
      };
    } catch (error) {
      failed.push(...failedAttempts(candidate, error)); // then the next one
    }
  }
  throw new LumenError(
    'gpu-lost',
    `The GPU behind ${lost} was lost and no other backend could start (${failed.map((a) => `${a.backend}: ${a.reason}`).join('; ')}).`,
  );
}

export interface GpuSupervisor {
  /** Call after every backend activation: watches the new backend's GPU. */
  watchActive(): void;
  /** Runs a GPU job; if the GPU is lost meanwhile, recovers (see onLost) and runs it again. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /**
   * For jobs that stream what they measure (a benchmark, a comparison): running them again would
   * deliver twice. If the GPU is lost meanwhile, recovers, then fails with a clear gpu-lost error
   * instead of waiting forever on the dead context.
   */
  guard<T>(job: () => Promise<T>): Promise<T>;
  /** Recovers now if the GPU was lost while nothing ran (the next request starts on a working backend). */
  recoverIfLost(): Promise<void>;
  markGone(backend: BackendName): void;
  isGone(backend: BackendName): boolean;
}

/**
 * `onLost(lost, gone, started)` rebuilds the engine: it must dispose the models (they lived in the
 * dead backend), call recoverBackend with `gone`, record the new info, and tell the person.
 */
export function createGpuSupervisor(
  onLost: (lost: BackendName, gone: Set<BackendName>, started: number) => Promise<void>,
  watchActiveGpu: () => GpuWatch = watchGpu,
): GpuSupervisor {
  let watch: GpuWatch | null = null;
  const gone = new Set<BackendName>();
  let recovering: Promise<void> | null = null;

  const recover = (current: GpuWatch): Promise<void> => {
    // One recovery at a time: a job and an idle check may notice the same loss.
    recovering ??= (async () => {
      current.release();
      await onLost(current.backend, gone, performance.now());
    })().finally(() => (recovering = null));
    return recovering;
  };

  async function attempt<T>(job: () => Promise<T>, reruns: number): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      if (recovering) await recovering;
      const current = watch;
      if (current?.isLost()) await recover(current);
      const active = watch;
      const running = job();
      running.catch(() => undefined); // abandoned when the GPU goes first
      // Loss events are not dispatched reliably to a worker's OffscreenCanvas: look, too.
      const poll = active ? setInterval(() => active.isLost(), LOSS_POLL_MS) : null;
      try {
        const result = await (active ? Promise.race([running, active.lost]) : running);
        // A dead WebGL context answers read-backs with zeros: do not trust what came back.
        if (active?.isLost()) throw new LumenError('gpu-lost', 'The GPU was lost during the run.');
        return result;
      } catch (error) {
        const lost = active !== null && (active.isLost() || looksLikeGpuLoss(error));
        if (!lost) throw error;
        await recover(active);
        if (tries >= reruns) {
          throw new LumenError(
            'gpu-lost',
            `The GPU behind ${active.backend} was lost during this run; the engine has recovered (see the notice). Run it again.`,
          );
        }
      } finally {
        if (poll !== null) clearInterval(poll);
      }
    }
  }

  return {
    watchActive: () => {
      watch = watchActiveGpu();
    },
    run: (job) => attempt(job, MAX_RECOVERIES_PER_JOB),
    guard: (job) => attempt(job, 0),
    async recoverIfLost() {
      if (recovering) await recovering;
      if (watch?.isLost()) await recover(watch);
    },
    markGone: (backend) => void gone.add(backend),
    isGone: (backend) => gone.has(backend),
  };
}
