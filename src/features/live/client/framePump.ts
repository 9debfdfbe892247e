/**
 * The Live view's loop: capture the camera's newest frame, send it, wait for its answer, repeat.
 * At most one frame is ever in flight, and the next is captured only once the answer is back, so
 * the camera's frames in between are dropped (counted as skipped), never queued: the view shows the
 * newest frame's answer however slow the backend is. Pure of DOM: the view injects the camera side.
 */
import type { LiveResult } from '@/features/live/shared/messages';

export interface CapturedFrame<F> {
  frame: F;
  /** Camera frames shown since the previous capture that were never captured (dropped). */
  skipped: number;
}

export interface PumpDeps<F> {
  /** Waits for the camera's next new frame and captures it; null when there is none (the video ended). */
  nextFrame(): Promise<CapturedFrame<F> | null>;
  /** Sends a frame (transferring it) and resolves with its answer. */
  classify(frame: F): Promise<LiveResult>;
  /** Frees a captured frame that was never sent (the loop stopped or paused meanwhile). */
  release(frame: F): void;
  onResult(result: LiveResult, stats: { latencyMs: number; skipped: number }): void;
  /** A frame failed: go on with the next frame, or stop the loop. */
  onError(error: unknown): 'continue' | 'stop';
  /** The loop ended (stopped, the video ended, or onError said stop). */
  onEnd?(): void;
  now(): number;
}

export interface Pump {
  stop(): void;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Resolves when the loop has ended: nothing of it is in flight any more. */
  readonly done: Promise<void>;
}

export function startPump<F>(deps: PumpDeps<F>): Pump {
  let stopped = false;
  let paused = false;
  let wake: (() => void) | null = null;
  const waitWhilePaused = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const rouse = (): void => {
    wake?.();
    wake = null;
  };

  const loop = async (): Promise<void> => {
    let skippedWhileAway = 0;
    while (!stopped) {
      if (paused) {
        await waitWhilePaused();
        continue;
      }
      let captured: CapturedFrame<F> | null;
      try {
        captured = await deps.nextFrame();
      } catch (error) {
        // Capturing failed (a frame the browser would not wrap): as a failed frame, not a dead loop.
        if (stopped || deps.onError(error) === 'stop') break;
        continue;
      }
      if (!captured) break;
      if (stopped || paused) {
        // Captured, but the person stopped or paused meanwhile: it is not sent.
        deps.release(captured.frame);
        skippedWhileAway += captured.skipped + 1;
        continue;
      }
      const started = deps.now();
      const skipped = captured.skipped + skippedWhileAway;
      skippedWhileAway = 0;
      try {
        const result = await deps.classify(captured.frame);
        if (!stopped) deps.onResult(result, { latencyMs: deps.now() - started, skipped });
      } catch (error) {
        if (stopped || deps.onError(error) === 'stop') break;
      }
    }
    stopped = true;
    deps.onEnd?.();
  };

  const done = loop();
  return {
    stop() {
      stopped = true;
      rouse();
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      rouse();
    },
    get paused() {
      return paused;
    },
    done,
  };
}
