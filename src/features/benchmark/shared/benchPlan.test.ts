import { describe, expect, it } from 'vitest';
import {
  configFromForm,
  effectiveForm,
  modelsOnRuntimes,
  plannedRuns,
  PEER_MODEL_ID,
  type FormInput,
  type FormState,
  type PageDefaults,
  type PlanContext,
} from './benchPlan';
import { variantLabel } from './benchVariants';

const form = (overrides: Partial<FormInput> = {}): FormInput => ({
  models: ['a'],
  backends: ['wasm'],
  runtimes: [],
  batchesText: '8,1, 2',
  warmup: 10,
  runs: 50,
  useDuration: false,
  durationS: 5,
  input: 'random',
  coldStart: true,
  methodBatch: 1,
  methodPeer: true,
  ...overrides,
});
const ctx = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  selectedModel: 'a',
  formats: { a: 'layers', [PEER_MODEL_ID]: 'graph' },
  peerModelUrl: 'http://x/peer/model.json',
  imageCount: 0,
  ...overrides,
});

describe('configFromForm', () => {
  it('a sweep times the app at the parsed, sorted batch sizes', () => {
    const config = configFromForm(form(), 'sweep', ctx());
    expect(config).toMatchObject({
      kind: 'sweep',
      models: ['a'],
      backends: ['wasm'],
      batches: [1, 2, 8],
      warmup: 10,
      runs: 50,
      durationMs: null,
      coldStart: true,
    });
    expect(config.variants.map(variantLabel)).toEqual(['app']);
    expect(configFromForm(form({ useDuration: true, durationS: 2.5 }), 'sweep', ctx()).durationMs).toBe(2500);
  });

  it('a method comparison is one model at one batch: both TF.js calls, both preprocessing places, bare, and the peer for its model', () => {
    const layers = configFromForm(form({ methodBatch: 4 }), 'methods', ctx());
    expect(layers).toMatchObject({ models: ['a'], batches: [4], coldStart: false });
    expect(layers.variants.map(variantLabel)).toEqual(['app', 'app:execute', 'pipeline:tf-ops', 'pipeline:js', 'bare']);
    const graph = configFromForm(form(), 'methods', ctx({ selectedModel: PEER_MODEL_ID }));
    expect(graph.variants.map(variantLabel)).toEqual(['app', 'app:executeAsync', 'pipeline:tf-ops', 'pipeline:js', 'bare', 'peer']);
    expect(graph.variants.at(-1)).toEqual({ kind: 'peer', modelUrl: 'http://x/peer/model.json' });
    expect(configFromForm(form({ methodPeer: false }), 'methods', ctx({ selectedModel: PEER_MODEL_ID })).variants.map(variantLabel)).not.toContain('peer');
  });

  it('explains what to fix instead of starting a run that cannot work', () => {
    expect(() => configFromForm(form({ backends: [] }), 'sweep', ctx())).toThrow('Choose at least one backend.');
    expect(() => configFromForm(form({ models: [] }), 'sweep', ctx())).toThrow('Choose at least one model.');
    expect(() => configFromForm(form({ batchesText: '1, two' }), 'sweep', ctx())).toThrow(/Batch sizes: "two" is not a batch size/);
    expect(() => configFromForm(form({ runs: 0 }), 'sweep', ctx())).toThrow(/Timed runs must be a whole number of at least 1/);
    expect(() => configFromForm(form({ warmup: Number.NaN }), 'sweep', ctx())).toThrow(/Warm-up runs/);
    expect(() => configFromForm(form({ input: 'images' }), 'sweep', ctx())).toThrow(/drop some in the Classify view/);
    expect(() => configFromForm(form(), 'methods', ctx({ selectedModel: null }))).toThrow(/Choose an installed model/);
  });
});

describe('plannedRuns', () => {
  it('counts warm-up and timed runs of every variant, the peer at batch 1 only', () => {
    const config = configFromForm(form({ backends: ['wasm', 'cpu'], warmup: 2, runs: 3 }), 'sweep', ctx());
    expect(plannedRuns(config)).toBe(2 * 3 * 5); // 2 backends × 3 batch sizes × (2 + 3)
    const methods = configFromForm(form({ warmup: 1, runs: 1, methodBatch: 2 }), 'methods', ctx({ selectedModel: PEER_MODEL_ID }));
    expect(plannedRuns(methods)).toBe(5 * 2); // the peer skips batch 2
    expect(plannedRuns(configFromForm(form({ useDuration: true }), 'sweep', ctx()))).toBeNull();
  });
});

describe('effectiveForm', () => {
  const untouched = (): FormState => ({ ...form(), models: null, backends: null, input: null });
  const page = (overrides: Partial<PageDefaults> = {}): PageDefaults => ({ model: 'a', backend: 'wasm', imageCount: 0, ...overrides });

  it('an untouched form is the page\'s model and backend, and runs as shown (no "Choose at least one backend." with wasm ticked)', () => {
    const shown = effectiveForm(untouched(), page());
    expect(shown).toMatchObject({ models: ['a'], backends: ['wasm'], input: 'random' });
    expect(configFromForm(shown, 'sweep', ctx())).toMatchObject({ models: ['a'], backends: ['wasm'] });
  });

  it('follows the page until the person picks: a later engine or model is picked up, with no copy step', () => {
    expect(effectiveForm(untouched(), page({ backend: null, model: null }))).toMatchObject({ models: [], backends: [] });
    expect(effectiveForm(untouched(), page({ backend: 'webgl', model: 'b' }))).toMatchObject({ models: ['b'], backends: ['webgl'] });
    expect(effectiveForm(untouched(), page({ imageCount: 3 })).input).toBe('images');
  });

  it('keeps what the person chose, even an empty list, whatever the page does', () => {
    const chosen: FormState = { ...untouched(), backends: [], models: ['c'], input: 'random' };
    const shown = effectiveForm(chosen, page({ backend: 'webgpu', imageCount: 5 }));
    expect(shown).toMatchObject({ models: ['c'], backends: [], input: 'random' });
    expect(() => configFromForm(shown, 'sweep', ctx())).toThrow('Choose at least one backend.');
  });
});

describe('runtimes in the form', () => {
  // mnv2 has an ONNX and a TFLite member; resnet runs on TF.js only; mnv2:float16 is a TF.js weight variant.
  const members: Record<string, Partial<Record<string, string>>> = {
    mnv2: { tfjs: 'mnv2', ort: 'mnv2_onnx', litert: 'mnv2_tflite' },
    resnet: { tfjs: 'resnet' },
    'mnv2:float16': { tfjs: 'mnv2:float16' },
  };
  const memberOn = (model: string, runtime: string) => members[model]?.[runtime] ?? null;

  it('runs each ticked model as its member on each ticked runtime, once each, and names the pairs with none', () => {
    expect(modelsOnRuntimes(['mnv2', 'resnet', 'mnv2:float16'], ['tfjs', 'ort'], memberOn)).toEqual({
      models: ['mnv2', 'mnv2_onnx', 'resnet', 'mnv2:float16'],
      missing: ['resnet on ort', 'mnv2:float16 on ort'],
    });
    expect(modelsOnRuntimes(['mnv2'], [], memberOn)).toEqual({ models: ['mnv2'], missing: [] });
  });

  it('plans the members, and says so when no ticked model has one', () => {
    const plan = configFromForm(form({ models: ['mnv2'], runtimes: ['tfjs', 'litert'] }), 'sweep', ctx({ memberOn }));
    expect(plan.models).toEqual(['mnv2', 'mnv2_tflite']);
    expect(() => configFromForm(form({ models: ['resnet'], runtimes: ['litert'] }), 'sweep', ctx({ memberOn }))).toThrow(
      'None of the ticked models has a member on litert installed here.',
    );
  });
});
