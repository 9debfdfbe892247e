/**
 * The measured choice across a family: candidates for each member on its runtime's backends, a
 * timed batch when the budget allows, and a decision on per-image time that names the member.
 */
import { describe, expect, it } from 'vitest';
import { candidatesFor, perImageMs, timeBackends, type BackendTiming, type BackendTrial, type Clock } from '@/engine/shared/timeBackends';
import { decideBackend } from './decide';
import type { ModelSpec } from '@/engine/shared/types';

const spec = (id: string, format: ModelSpec['format']) => ({ id, format }) as ModelSpec;

describe('candidatesFor', () => {
  it('times the TF.js model on every backend and ONNX/TFLite members on webgpu and wasm only, wasm first, the running backend last of the rest', () => {
    const head = spec('mnv2', 'graph');
    const list = candidatesFor(head, [spec('mnv2_onnx', 'onnx'), spec('mnv2_tflite', 'tflite')], ['webgpu', 'webgl', 'wasm'], 'webgl');
    expect(list.map((c) => `${c.modelId ?? 'own'}@${c.runtime ?? 'own'}/${c.backend}`)).toEqual([
      'own@own/wasm',
      'mnv2_onnx@ort/wasm',
      'mnv2_tflite@litert/wasm',
      'own@own/webgpu',
      'own@own/webgl',
      'mnv2_onnx@ort/webgpu',
      'mnv2_tflite@litert/webgpu',
    ]);
  });

  it('without WebGPU, a member runs on wasm alone', () => {
    const list = candidatesFor(spec('m', 'layers'), [spec('m_onnx', 'onnx')], ['webgl', 'wasm'], 'wasm');
    expect(list.map((c) => `${c.modelId ?? 'own'}/${c.backend}`)).toEqual(['own/wasm', 'm_onnx/wasm', 'own/webgl']);
  });

  it('a quick candidate leaves its unused share to the ones after it; a slow one never shrinks theirs below an equal share', async () => {
    const clock = fakeClock();
    const shares: number[] = [];
    const costs = [10, 5000, 10];
    let at = 0;
    const timings = await timeBackends(
      [{ backend: 'wasm' as const }, { backend: 'webgl' as const }, { backend: 'webgpu' as const }],
      () => {
        const first = costs[at++] ?? 0;
        return { start: async () => clock.spend(first), run: async () => clock.spend(first), finish: async () => undefined };
      },
      clock,
      { totalMs: 3000, warmRuns: 1 },
    );
    for (const t of timings) if (t.skipped) shares.push(Number(/its (\d+) ms/.exec(t.skipped)?.[1]));
    // wasm: 10 + 10 + 10 = 30 of its 1000; webgl then gets (3000 - 30) / 2 = 1485 and overruns it.
    expect(shares).toEqual([1485]);
    expect(timings[2]).toMatchObject({ backend: 'webgpu', warmMs: 10 });
  });
});

/** A fake clock moved by the trials. */
function fakeClock(): Clock & { spend(ms: number): void } {
  let t = 0;
  return { now: () => t, spend: (ms) => (t += ms) };
}

describe('timeBackends with a batch', () => {
  const trial = (clock: ReturnType<typeof fakeClock>, first: number, warm: number, batchMs: number, threads?: number): BackendTrial => ({
    start: async () => clock.spend(first),
    run: async () => clock.spend(warm),
    batch: { size: 8, run: async () => clock.spend(batchMs) },
    threads: () => threads,
    finish: async () => undefined,
  });

  it('times one batch after the warm runs (a first, untimed, may compile) and reports the threads', async () => {
    const clock = fakeClock();
    const [t] = await timeBackends([{ backend: 'wasm' as const }], () => trial(clock, 50, 10, 40, 2), clock, { totalMs: 1000, warmRuns: 3 });
    expect(t).toMatchObject({ warmMs: 10, runs: 3, batch: 8, batchMs: 40, threads: 2 });
    expect(perImageMs(t as BackendTiming)).toBe(5);
  });

  it('halves the batch (8, 4, 2) until two of them fit what is left of the share, and leaves it out when none does', async () => {
    const sized = (clock: ReturnType<typeof fakeClock>): BackendTrial => ({
      start: async () => clock.spend(50),
      run: async () => clock.spend(10),
      batch: { size: 8, run: async (size) => clock.spend(size * 5) },
      finish: async () => undefined,
    });
    // 50 + 10 (untimed) + 3 × 10 = 90 spent of 200: two batches of 8 (2 × 8 × 10 = 160) would not fit, of 4 (80) do.
    const clock = fakeClock();
    const [t] = await timeBackends([{ backend: 'wasm' as const }], () => sized(clock), clock, { totalMs: 200, warmRuns: 3 });
    expect(t).toMatchObject({ warmMs: 10, batch: 4, batchMs: 20 });
    expect(perImageMs(t as BackendTiming)).toBe(5);
    // Of 120: 30 left, and even two batches of 2 (40) would not fit.
    const tight = fakeClock();
    const [none] = await timeBackends([{ backend: 'wasm' as const }], () => sized(tight), tight, { totalMs: 120, warmRuns: 3 });
    expect(none).toMatchObject({ warmMs: 10, batch: 8, batchMs: null });
    expect(perImageMs(none as BackendTiming)).toBe(10);
  });
});

describe('decideBackend across a family', () => {
  const timing = (backend: BackendTiming['backend'], warmMs: number | null, extra: Partial<BackendTiming> = {}): BackendTiming => ({
    backend,
    firstMs: 1,
    warmMs,
    runs: warmMs === null ? 0 : 3,
    skipped: warmMs === null ? 'failed: x' : null,
    ...extra,
  });

  it('picks the member with the best per-image time, with its batch, and names its runtime', () => {
    const timings = [
      timing('webgl', 41),
      timing('wasm', 44, { batch: 8, batchMs: 400, threads: 1 }),
      timing('wasm', 71, { modelId: 'mnv2_onnx', runtime: 'ort', batch: 8, batchMs: 550, threads: 2 }),
      timing('wasm', 31, { modelId: 'mnv2_tflite', runtime: 'litert', batch: 8, batchMs: 236, threads: 1 }),
    ];
    const d = decideBackend(timings, 'webgl', undefined, 'tfjs');
    expect(d).toMatchObject({ backend: 'wasm', modelId: 'mnv2_tflite', batch: 8, switched: true });
    expect(d.summary).toBe(
      // Runtimes ran different thread counts: every wasm figure names its own.
      'tfjs/webgl 41 ms, tfjs/wasm×1 44 ms (50 ms/image at 8), ort/wasm×2 71 ms (69 ms/image at 8), litert/wasm×1 31 ms (30 ms/image at 8) → litert/wasm×1 (mnv2_tflite), batch 8',
    );
  });

  it('keeps the model asked for when no member is clearly faster, and a member with no figure never wins', () => {
    const timings = [
      timing('wasm', 30),
      timing('wasm', 28, { modelId: 'm_onnx', runtime: 'ort' }),
      timing('wasm', null, { modelId: 'm_tflite', runtime: 'litert' }),
    ];
    const d = decideBackend(timings, 'wasm', undefined, 'tfjs');
    expect(d).toMatchObject({ backend: 'wasm', modelId: null, batch: 1, switched: false });
    expect(d.summary).toBe('tfjs/wasm 30 ms, ort/wasm 28 ms, litert/wasm skipped (failed: x) → tfjs/wasm (ort/wasm not 15 % faster)');
  });

  it('a batch faster per image than batch 1 is the batch chosen, on the same backend and model', () => {
    const d = decideBackend([timing('wasm', 30, { batch: 8, batchMs: 160 })], 'wasm');
    expect(d).toMatchObject({ backend: 'wasm', modelId: null, batch: 8, switched: false, summary: 'wasm 30 ms (20 ms/image at 8) → wasm, batch 8' });
  });
});

describe('timeBackends and loading', () => {
  it("judges the share by the first run, not by the runtime's first download and compile", async () => {
    const clock = fakeClock();
    const trial: BackendTrial = {
      start: async () => {
        clock.spend(3000 + 40); // 3 s to fetch and compile ONNX Runtime, then a 40 ms first run
      },
      loadMs: () => 3000,
      run: async () => clock.spend(40),
      finish: async () => undefined,
    };
    const [t] = await timeBackends([{ backend: 'wasm' as const }], () => trial, clock, { totalMs: 1000, warmRuns: 3 });
    expect(t).toMatchObject({ firstMs: 3040, warmMs: 40, runs: 3, skipped: null });
  });
});
