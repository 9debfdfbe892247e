/**
 * The page side of the measured backend with a fake engine: the measurement switches only on
 * a clear win and is remembered; a remembered choice is applied at start-up; a forced backend wins.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendName, EngineInfo, ModelSpec } from '@/engine/shared/types';
import type { BackendTiming } from '@/engine/shared/timeBackends';

const requests: { type: string; backend?: BackendName | null; measured?: string }[] = [];
let timings: BackendTiming[] = [];
const engineOn = (backend: BackendName, forced: boolean, reason = 'rule'): EngineInfo => ({
  backend,
  forced,
  reason,
  attempts: [],
  adapter: null,
  webglRenderer: 'SwiftShader',
  tfjsVersion: '4',
  flags: {},
});

vi.mock('@/engine/client', () => ({
  // Not cross-origin isolated here (no globalThis.crossOriginIsolated): no thread probe (threadProbe.test.ts).
  engineWasmThreads: () => null,
  openProbeEngine: () => {
    throw new Error('no probe without isolation');
  },
  restartEngineWithWasmThreads: async () => undefined,
  getEngine: () => ({
    init: async (body: { backend: BackendName | null; measured?: string }) => {
      requests.push({ type: 'init', ...body });
      // As the worker answers: a measured choice is started unforced and explained by its measurement.
      const forced = body.backend != null && body.measured === undefined;
      return engineOn(body.backend ?? 'wasm', forced, body.measured);
    },
    timeBackends: async () => {
      requests.push({ type: 'time-backends' });
      return timings;
    },
    load: async () => {
      requests.push({ type: 'load' });
      return {};
    },
  }),
}));
const spec = { id: 'mnv2', key: 'mnv2@1', format: 'graph' } as ModelSpec;
const memberSpec = { id: 'mnv2_tflite', key: 'mnv2_tflite@1', format: 'tflite' } as ModelSpec;
vi.mock('@/app/store/modelRegistry', () => ({
  selectionSpec: () => spec,
  specFor: (id: string) => (id === spec.id ? spec : id === memberSpec.id ? memberSpec : null),
  isAvailable: () => true,
}));

const local = new Map<string, string>();
vi.stubGlobal('navigator', { hardwareConcurrency: 2, userAgent: 'Chrome/156.0' });
vi.stubGlobal('window', {
  localStorage: {
    getItem: (k: string) => local.get(k) ?? null,
    setItem: (k: string, v: string) => void local.set(k, v),
    removeItem: (k: string) => void local.delete(k),
  },
});

const { useStore } = await import('@/app/store/index');
const { applyRememberedChoice, measureBackends, useBackendChoice } = await import('./backendChoice');

const t = (backend: BackendName, warmMs: number): BackendTiming => ({ backend, firstMs: 100, warmMs, runs: 5, skipped: null });

beforeEach(() => {
  requests.length = 0;
  local.clear();
  useBackendChoice.setState({ status: 'idle', summary: null, remembered: false, modelId: null });
  useStore.setState({
    engine: engineOn('webgl', false),
    engineStatus: 'ready',
    requestedBackend: null,
    selectedModel: 'mnv2',
    selectedWeights: 'float32',
    catalog: null,
    runningMember: null,
  });
});

describe('measured backend choice (page side)', () => {
  it('switches when another backend wins clearly, says why, and remembers it', async () => {
    timings = [t('webgl', 41), t('wasm', 12)];
    // The models went with the old backend: the caller is told to reload this one.
    expect(await measureBackends()).toEqual({ reload: 'mnv2' });
    expect(requests.map((r) => r.type)).toEqual(['time-backends', 'init']);
    expect(requests[1]).toMatchObject({ backend: 'wasm', measured: 'measured: webgl 41 ms, wasm 12 ms → wasm' });
    const { engine } = useStore.getState();
    expect(engine).toMatchObject({ backend: 'wasm', forced: false, reason: 'measured: webgl 41 ms, wasm 12 ms → wasm' });
    expect(useStore.getState().requestedBackend).toBeNull();
    expect([...local.values()].map((v) => JSON.parse(v).backend)).toEqual(['wasm']);
  });

  it('stays put without a clear win', async () => {
    timings = [t('webgl', 20), t('wasm', 18)];
    expect(await measureBackends()).toBeNull();
    expect(requests.map((r) => r.type)).toEqual(['time-backends']);
    expect(useStore.getState().engine?.backend).toBe('webgl');
    expect(useBackendChoice.getState().summary).toMatch(/→ webgl \(wasm not 15 % faster\)/);
  });

  it('applies a remembered choice at start-up, and never measures or switches under a forced backend', async () => {
    timings = [t('webgl', 41), t('wasm', 12)];
    await measureBackends();
    useStore.setState({ engine: engineOn('webgl', false) });
    requests.length = 0;
    await applyRememberedChoice('mnv2');
    expect(requests).toEqual([{ type: 'init', backend: 'wasm', measured: 'measured on an earlier visit: webgl 41 ms, wasm 12 ms → wasm' }]);
    expect(useStore.getState().engine?.reason).toMatch(/^measured on an earlier visit: /);
    expect(useBackendChoice.getState().remembered).toBe(true);

    requests.length = 0;
    useStore.setState({ engine: engineOn('webgl', true), requestedBackend: 'webgl' });
    await applyRememberedChoice('mnv2');
    await measureBackends();
    expect(requests).toEqual([]);
  });

  it('weighs the family: a clearly faster member runs in place of the model, is remembered, and re-applied at start-up', async () => {
    const entry = (id: string, format: string, top1: number) => ({ id, format, family: 'mnv2', accuracy: { top1, top5: 0.96 } });
    const catalog = { schemaVersion: 1, defaultModel: 'mnv2', models: [entry('mnv2', 'graph', 0.85), entry('mnv2_tflite', 'tflite', 0.847)] };
    useStore.setState({ catalog: catalog as never, engine: engineOn('wasm', false) });
    timings = [t('webgl', 41), t('wasm', 44), { ...t('wasm', 30), modelId: 'mnv2_tflite', runtime: 'litert', batch: 8, batchMs: 200 }];
    // Same backend: no restart, but the model must load again as the member.
    expect(await measureBackends()).toEqual({ reload: 'mnv2' });
    expect(requests.map((r) => r.type)).toEqual(['time-backends']);
    expect(useStore.getState().runningMember).toEqual({ of: 'mnv2', member: 'mnv2_tflite' });
    const stored = JSON.parse([...local.entries()].find(([k]) => k.startsWith('lumen.backendChoice:'))?.[1] ?? '{}');
    expect(stored).toMatchObject({ backend: 'wasm', modelId: 'mnv2_tflite', batch: 8 });
    expect(useStore.getState().engine?.reason).toMatch(/→ litert\/wasm \(mnv2_tflite\), batch 8$/);
    // Its batch is what a drop runs with on this device, said to come from this measurement.
    const batch = [...local.entries()].find(([k]) => k.startsWith('lumen.classifyBatch:mnv2_tflite|wasm|'));
    expect(JSON.parse(batch?.[1] ?? '{}')).toMatchObject({ batch: 8, fromChoice: true, throughput: 40 });

    useStore.setState({ runningMember: null });
    await applyRememberedChoice('mnv2');
    expect(useStore.getState().runningMember).toEqual({ of: 'mnv2', member: 'mnv2_tflite' });
    // A member that no longer qualifies (its accuracy fell out of range) is not run from memory.
    useStore.setState({ runningMember: null, catalog: { ...catalog, models: [entry('mnv2', 'graph', 0.85), entry('mnv2_tflite', 'tflite', 0.8)] } as never });
    await applyRememberedChoice('mnv2');
    expect(useStore.getState().runningMember).toBeNull();
  });
});
