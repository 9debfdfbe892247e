import { describe, expect, it } from 'vitest';
import { startPump, type CapturedFrame } from './framePump';
import type { LiveResult } from '@/features/live/shared/messages';

const result = (label: string): LiveResult => ({
  predictions: [{ classIndex: 1, label, probability: 1 }],
  preprocessMs: 1,
  inferMs: 2,
  width: 4,
  height: 3,
});

/**
 * A fake camera that shows a new frame every `period` ms of a fake clock, and a fake worker that
 * takes `inferMs` per frame. Time moves only when the fake worker works, so the loop is deterministic.
 */
function rig(options: { period: number; inferMs: number; frames?: number }) {
  let clock = 0;
  let lastCaptured = -1;
  let inFlight = 0;
  const sent: number[] = [];
  const released: number[] = [];
  const results: { label: string; skipped: number; latencyMs: number }[] = [];
  const maxInFlight = { value: 0 };
  const shown = (): number => Math.floor(clock / options.period);
  return {
    sent,
    released,
    results,
    maxInFlight,
    advance: (ms: number) => void (clock += ms),
    deps: {
      now: () => clock,
      async nextFrame(): Promise<CapturedFrame<number> | null> {
        await Promise.resolve();
        if (shown() === lastCaptured) clock = (lastCaptured + 1) * options.period; // wait for the next frame
        const frame = shown();
        if (options.frames !== undefined && frame >= options.frames) return null;
        const skipped = lastCaptured < 0 ? 0 : frame - lastCaptured - 1;
        lastCaptured = frame;
        return { frame, skipped };
      },
      async classify(frame: number): Promise<LiveResult> {
        inFlight += 1;
        maxInFlight.value = Math.max(maxInFlight.value, inFlight);
        sent.push(frame);
        await Promise.resolve();
        clock += options.inferMs;
        inFlight -= 1;
        if (frame === 13) throw new Error('frame 13 failed');
        return result(`frame ${frame}`);
      },
      release: (frame: number) => void released.push(frame),
      onResult: (r: LiveResult, stats: { latencyMs: number; skipped: number }) =>
        void results.push({ label: r.predictions[0]?.label ?? '', skipped: stats.skipped, latencyMs: stats.latencyMs }),
      onError: () => 'continue' as const,
    },
  };
}

describe('framePump', () => {
  it('keeps one frame in flight and drops (never queues) the frames shown meanwhile', async () => {
    // Camera at 30 fps (33 ms), model at 100 ms: each answer is for a fresh frame, about 2 in 3 frames are skipped.
    const r = rig({ period: 33, inferMs: 100, frames: 30 });
    await startPump(r.deps).done;
    expect(r.maxInFlight.value).toBe(1);
    expect(r.sent).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    expect(r.results.map((x) => x.skipped)).toEqual([0, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(r.results.every((x) => x.latencyMs === 100)).toBe(true);
  });

  it('with a model faster than the camera, sends every frame', async () => {
    const r = rig({ period: 33, inferMs: 10, frames: 6 });
    await startPump(r.deps).done;
    expect(r.sent).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.results.every((x) => x.skipped === 0)).toBe(true);
  });

  it('goes on after a failed frame when onError says continue, and stops when it says stop', async () => {
    const going = rig({ period: 10, inferMs: 10, frames: 16 });
    const errors: unknown[] = [];
    await startPump({
      ...going.deps,
      onError: (e) => {
        errors.push(e);
        return 'continue';
      },
    }).done;
    expect(errors).toHaveLength(1);
    expect(going.results.map((x) => x.label)).not.toContain('frame 13');
    expect(going.sent.at(-1)).toBe(15);

    const stopping = rig({ period: 10, inferMs: 10, frames: 16 });
    let ended = 0;
    await startPump({ ...stopping.deps, onError: () => 'stop', onEnd: () => (ended += 1) }).done;
    expect(stopping.sent.at(-1)).toBe(13);
    expect(ended).toBe(1);
  });

  it('a capture that throws counts as a failed frame, and the loop still ends properly', async () => {
    const r = rig({ period: 10, inferMs: 10 });
    let ended = 0;
    const errors: unknown[] = [];
    await startPump({
      ...r.deps,
      nextFrame: async () => {
        throw new Error('InvalidStateError');
      },
      onError: (e) => {
        errors.push(e);
        return errors.length >= 3 ? 'stop' : 'continue';
      },
      onEnd: () => {
        ended += 1;
      },
    }).done;
    expect(errors).toHaveLength(3);
    expect(ended).toBe(1);
    expect(r.sent).toEqual([]);
  });

  it('stop ends the loop: the answer in flight is not shown and no frame is sent after', async () => {
    const r = rig({ period: 10, inferMs: 10 });
    const pump = startPump({
      ...r.deps,
      onResult: (res, stats) => {
        r.deps.onResult(res, stats);
        if (r.results.length === 3) pump.stop();
      },
    });
    await pump.done;
    expect(r.results).toHaveLength(3);
    expect(r.sent).toHaveLength(3);
  });

  it('a frame captured as the loop stops is released, not sent', async () => {
    const r = rig({ period: 10, inferMs: 10 });
    let pump: ReturnType<typeof startPump<number>> | null = null;
    pump = startPump({
      ...r.deps,
      nextFrame: async () => {
        const frame = await r.deps.nextFrame();
        if (r.sent.length === 2) pump?.stop();
        return frame;
      },
    });
    await pump.done;
    expect(r.sent).toEqual([0, 1]);
    expect(r.released).toEqual([2]);
  });

  it('pause sends nothing until resume, and the frames shown meanwhile count as skipped', async () => {
    const r = rig({ period: 10, inferMs: 10 });
    let pump: ReturnType<typeof startPump<number>> | null = null;
    const paused = new Promise<void>((resolve) => {
      pump = startPump({
        ...r.deps,
        onResult: (res, stats) => {
          r.deps.onResult(res, stats);
          if (r.results.length === 2) {
            pump?.pause();
            resolve();
          }
          if (r.results.length === 4) pump?.stop();
        },
      });
    });
    await paused;
    // The rig runs on microtasks alone, so once they have all run a loop that ignored the pause would
    // have sent its next frames already: setImmediate comes after every queued microtask (no sleep).
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.sent).toHaveLength(2);
    expect(pump!.paused).toBe(true);
    r.advance(1000); // the camera goes on while paused
    pump!.resume();
    await pump!.done;
    expect(r.sent).toHaveLength(4);
    expect(r.results[2]?.skipped).toBeGreaterThan(90);
  });
});
