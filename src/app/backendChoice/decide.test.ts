import { describe, expect, it } from 'vitest';
import { timeBackends, type BackendTrial, type Clock } from '@/engine/shared/timeBackends';
import { decideBackend } from './decide';
import { deviceKey, readChoice, storageKey, writeChoice, forgetChoice, type KeyValueStore } from './remembered';
import type { BackendName } from '@/engine/shared/types';

/** A clock that moves only when a trial says it spent time. */
function fakeClock(): Clock & { spend(ms: number): void } {
  let t = 0;
  return { now: () => t, spend: (ms) => (t += ms) };
}

/** Trials whose start costs `first` ms and each warm run `warm` ms of fake time (a list cycles). */
function trials(clock: ReturnType<typeof fakeClock>, costs: Partial<Record<BackendName, { first: number; warm: number[] } | 'fail'>>) {
  const finished: BackendName[] = [];
  const trialFor = ({ backend }: { backend: BackendName }): BackendTrial => {
    const cost = costs[backend];
    let i = 0;
    return {
      start: async () => {
        if (cost === 'fail' || !cost) throw new Error(`${backend} could not start`);
        clock.spend(cost.first);
      },
      run: async () => {
        if (cost === 'fail' || !cost) return;
        clock.spend(cost.warm[i++ % cost.warm.length] ?? 0);
      },
      finish: async () => {
        finished.push(backend);
      },
    };
  };
  return { trialFor, finished };
}

const on = (...backends: BackendName[]) => backends.map((backend) => ({ backend }));

describe('timeBackends', () => {
  it('times a few warm runs on each backend and reports their median', async () => {
    const clock = fakeClock();
    const { trialFor, finished } = trials(clock, { webgl: { first: 300, warm: [41, 45, 40, 60, 41] }, wasm: { first: 100, warm: [12, 13, 12, 11, 30] } });
    const timings = await timeBackends(on('webgl', 'wasm'), trialFor, clock, { totalMs: 4000, warmRuns: 5 });
    expect(timings).toEqual([
      { backend: 'webgl', firstMs: 300, warmMs: 41, runs: 5, skipped: null },
      { backend: 'wasm', firstMs: 100, warmMs: 12, runs: 5, skipped: null },
    ]);
    expect(finished).toEqual(['webgl', 'wasm']);
  });

  it('skips a backend whose first run alone exceeds its share of the budget, and one that fails', async () => {
    const clock = fakeClock();
    const { trialFor, finished } = trials(clock, { webgpu: { first: 5000, warm: [1] }, webgl: 'fail', wasm: { first: 100, warm: [12] } });
    const timings = await timeBackends(on('webgpu', 'webgl', 'wasm'), trialFor, clock, { totalMs: 3000, warmRuns: 3 });
    expect(timings[0]).toMatchObject({ backend: 'webgpu', warmMs: null, runs: 0, skipped: 'first run 5000 ms, over its 1000 ms budget' });
    expect(timings[1]).toMatchObject({ backend: 'webgl', firstMs: null, warmMs: null, skipped: 'failed: webgl could not start' });
    expect(timings[2]).toMatchObject({ backend: 'wasm', warmMs: 12, runs: 3 });
    expect(finished).toEqual(['webgpu', 'webgl', 'wasm']); // freed even when skipped or failed
  });

  it('stops warm runs when the next would overrun the share', async () => {
    const clock = fakeClock();
    const { trialFor } = trials(clock, { wasm: { first: 100, warm: [300] } });
    const [wasm] = await timeBackends(on('wasm'), trialFor, clock, { totalMs: 1000, warmRuns: 10 });
    // 100 + 300 (the untimed second run) = 400; + 300 = 700, and another would reach 1000: stop at 1.
    expect(wasm).toMatchObject({ runs: 1, warmMs: 300 });
  });
});

describe('decideBackend', () => {
  const t = (backend: BackendName, warmMs: number | null) => ({
    backend,
    firstMs: 1,
    warmMs,
    runs: warmMs === null ? 0 : 3,
    skipped: warmMs === null ? 'failed: x' : null,
  });

  it('switches to the fastest when it wins by a clear margin, and says so', () => {
    const d = decideBackend([t('webgl', 41), t('wasm', 12)], 'webgl');
    expect(d).toMatchObject({ backend: 'wasm', switched: true, summary: 'webgl 41 ms, wasm 12 ms → wasm' });
  });

  it('keeps the provisional backend when the winner is less than 15 % faster', () => {
    const d = decideBackend([t('webgl', 20), t('wasm', 18)], 'webgl');
    expect(d).toMatchObject({ backend: 'webgl', switched: false });
    expect(d.summary).toBe('webgl 20 ms, wasm 18 ms → webgl (wasm not 15 % faster)');
    expect(decideBackend([t('webgl', 20), t('wasm', 16.9)], 'webgl').backend).toBe('wasm');
  });

  it('keeps the provisional backend when it is the fastest; takes the fastest when the provisional had no figure', () => {
    expect(decideBackend([t('webgl', 41), t('wasm', 12)], 'wasm')).toMatchObject({
      backend: 'wasm',
      switched: false,
      summary: 'webgl 41 ms, wasm 12 ms → wasm',
    });
    expect(decideBackend([t('webgpu', null), t('wasm', 12)], 'webgpu')).toMatchObject({ backend: 'wasm', switched: true });
    expect(decideBackend([t('webgpu', null)], 'webgpu')).toMatchObject({ backend: 'webgpu', switched: false });
  });

  it('weighs one wasm thread against several, names each count, and hands back the timing that won', () => {
    const several = { ...t('wasm', 40), threads: 2 };
    const one = { ...t('wasm', 31), threads: 1 };
    const d = decideBackend([several, t('webgl', 300), one], 'wasm');
    expect(d.chosen).toBe(one);
    expect(d.summary).toBe('wasm×2 40 ms, webgl 300 ms, wasm×1 31 ms → wasm×1');
    // Within the margin the running count stays.
    expect(decideBackend([several, { ...one, warmMs: 38 }], 'wasm').chosen).toBe(several);
    // With runtimes named too.
    const family = decideBackend([several, { ...one, runtime: 'ort' as const, modelId: 'm_onnx' }], 'wasm', undefined, 'tfjs');
    expect(family.summary).toBe('tfjs/wasm×2 40 ms, ort/wasm×1 31 ms → ort/wasm×1 (m_onnx)');
  });
});

describe('remembered choice', () => {
  const memory = (): KeyValueStore & { map: Map<string, string> } => {
    const map = new Map<string, string>();
    return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  };
  const engine = { adapter: null, webglRenderer: 'ANGLE (Google, SwiftShader)' };

  it('is kept per model and device, and can be forgotten', () => {
    const store = memory();
    const device = deviceKey(engine, 2, 'Mozilla/5.0 HeadlessChrome/156.0.0.0 Chrome/156.0.0.0 Safari/537.36');
    expect(device).toBe('ANGLE (Google, SwiftShader)|2 cores|Chrome/156');
    writeChoice(store, 'mobilenet', device, { backend: 'wasm', summary: 's', at: 5 });
    expect(readChoice(store, 'mobilenet', device)).toEqual({ backend: 'wasm', summary: 's', at: 5 });
    expect(readChoice(store, 'resnet', device)).toBeNull();
    expect(readChoice(store, 'mobilenet', deviceKey(engine, 8, ''))).toBeNull();
    forgetChoice(store, 'mobilenet', device);
    expect(readChoice(store, 'mobilenet', device)).toBeNull();
  });

  it('keeps the wasm threads a choice needs, and drops a nonsense count', () => {
    const store = memory();
    writeChoice(store, 'm', 'd', { backend: 'wasm', summary: 's', at: 1, wasmThreads: 1 });
    expect(readChoice(store, 'm', 'd')).toEqual({ backend: 'wasm', summary: 's', at: 1, wasmThreads: 1 });
    store.map.set(storageKey('m', 'd'), JSON.stringify({ backend: 'wasm', summary: 's', at: 1, wasmThreads: 0 }));
    expect(readChoice(store, 'm', 'd')).toEqual({ backend: 'wasm', summary: 's', at: 1 });
  });

  it('ignores what it cannot trust', () => {
    const store = memory();
    store.map.set(storageKey('m', 'd'), '{not json');
    expect(readChoice(store, 'm', 'd')).toBeNull();
    store.map.set(storageKey('m', 'd'), JSON.stringify({ backend: 'tpu', summary: 's', at: 1 }));
    expect(readChoice(store, 'm', 'd')).toBeNull();
  });
});
