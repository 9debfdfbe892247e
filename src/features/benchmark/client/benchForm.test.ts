/**
 * The Benchmark form once said "Choose at least one backend." while wasm was shown ticked: Run was
 * clicked before the engine was ready, the error was stored, and an effect then copied the page's
 * backend into the form. Now the defaults are derived (effectiveForm) and so is the problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '@/app/store/index';
import { bootstrap } from '@/app/store/actions';
import { benchProblemOf, pageDefaultsOf, startBenchmark } from './benchmarkActions';
import { DEFAULT_BENCH_FORM } from './benchmarkSlice';
import { effectiveForm } from '@/features/benchmark/shared/benchPlan';
import { modelFolder, validateCatalog } from '@/shared/models/catalog';
import type { EngineInfo } from '@/engine/shared/types';

const catalogText = readFileSync(resolve(import.meta.dirname, '../../../../public/models/catalog.json'), 'utf8');
const catalog = validateCatalog(JSON.parse(catalogText) as unknown);
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

vi.mock('@/engine/client', () => {
  // An engine that never answers: the page stays "starting" for as long as a test looks.
  const never = new Promise<never>(() => undefined);
  const silent: unknown = new Proxy({}, { get: (_target, key) => (key === 'then' ? undefined : () => Object.assign(never, { id: 0, result: never })) });
  return { getEngine: () => silent, getClient: () => silent };
});
afterAll(() => {
  vi.unstubAllGlobals();
});

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

describe('the Benchmark view opened right after load', () => {
  it('ticks the page model as soon as the catalog is in, without waiting for the engine to start', async () => {
    // Once, the form waited for the engine (seconds on a slow machine) before it knew the model:
    // the bootstrap chose it only after the engine had started.
    const model = catalog.models.find((m) => m.id === MODEL);
    const cachedMeta = `http://lumen.test/models/${model ? modelFolder(model) : ''}lumen-model.json`;
    vi.stubGlobal('document', { baseURI: 'http://lumen.test/' });
    vi.stubGlobal('window', { location: { search: '?view=benchmark', pathname: '/', hash: '' }, history: { replaceState: () => undefined } });
    // The catalog answers; the model folders are out of reach, and the browser cache holds the default model (a second visit offline).
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      if (String(input).endsWith('/models/catalog.json')) return new Response(catalogText);
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('caches', {
      open: async () => ({ match: async (key: string) => (key === cachedMeta ? new Response('{}') : undefined), put: async () => undefined }),
    });
    useStore.setState({ catalog: null, engineStatus: 'idle' });

    void bootstrap(); // never settles: the engine never answers
    await vi.waitFor(() => expect(shown().models).toEqual([MODEL]));
    expect(useStore.getState()).toMatchObject({ selectedModel: MODEL, engineStatus: 'starting', engine: null });
    expect(shown().backends).toEqual([]); // the automatic backend is the engine's to pick: not guessed
  });
});
