/**
 * The Benchmark form once said "Choose at least one backend." while wasm was shown ticked: Run was
 * clicked before the engine was ready, the error was stored, and an effect then copied the page's
 * backend into the form. Now the defaults are derived (effectiveForm) and so is the problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '@/app/store/index';
import { benchProblemOf, pageDefaultsOf, startBenchmark } from './benchmarkActions';
import { DEFAULT_BENCH_FORM } from './benchmarkSlice';
import { effectiveForm } from '@/features/benchmark/shared/benchPlan';
import { validateCatalog } from '@/shared/models/catalog';
import type { EngineInfo } from '@/engine/shared/types';

const catalog = validateCatalog(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../public/models/catalog.json'), 'utf8')) as unknown);
const MODEL = catalog.defaultModel;
const wasmEngine: EngineInfo = {
  backend: 'wasm',
  forced: true,
  reason: 'asked for',
  attempts: [],
  adapter: null,
  webglRenderer: null,
  tfjsVersion: '4.22.0',
  flags: {},
};
const shown = () => effectiveForm(useStore.getState().benchForm, pageDefaultsOf(useStore.getState()));

beforeEach(() => {
  useStore.setState({
    catalog,
    installed: {},
    selectedModel: null,
    engine: null,
    engineStatus: 'starting',
    requestedBackend: null,
    benchForm: DEFAULT_BENCH_FORM,
    benchAttempt: null,
    benchError: null,
    cards: [],
  });
});

describe('benchmark form state', () => {
  it('a Run clicked while the page starts shows a problem that matches the form, and it goes once the page is ready', async () => {
    await startBenchmark('sweep'); // nothing is known yet: nothing is ticked, and the problem says so
    expect(shown().backends).toEqual([]);
    expect(benchProblemOf(useStore.getState(), 'sweep')).toBe('Choose at least one backend.');
    expect(useStore.getState().benchError).toBeNull(); // no stored message that could outlive its cause

    useStore.setState({ engine: wasmEngine, engineStatus: 'ready', installed: { [MODEL]: {} }, selectedModel: MODEL });
    expect(shown()).toMatchObject({ backends: ['wasm'], models: [MODEL] });
    expect(useStore.getState().benchAttempt).toBe('sweep');
    expect(benchProblemOf(useStore.getState(), 'sweep')).toBeNull();
  });

  it('the backend asked for in the URL is shown, and run, while the engine starts', () => {
    useStore.setState({ requestedBackend: 'wasm', installed: { [MODEL]: {} }, selectedModel: MODEL });
    expect(shown().backends).toEqual(['wasm']);
    expect(benchProblemOf(useStore.getState(), 'sweep')).toBeNull();
  });

  it('an emptied list stays empty (the person chose it) and the problem says so', () => {
    useStore.setState({ engine: wasmEngine, installed: { [MODEL]: {} }, selectedModel: MODEL, benchForm: { ...DEFAULT_BENCH_FORM, backends: [] } });
    expect(shown().backends).toEqual([]);
    expect(benchProblemOf(useStore.getState(), 'sweep')).toBe('Choose at least one backend.');
  });
});
