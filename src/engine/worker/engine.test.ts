/**
 * createTfEngine itself, on TF.js's cpu backend with tiny real models: the LRU of loaded models,
 * init called again, and the 'oom' fault. Models load through an injected loader (no network),
 * and classify decodes with a fake decoder (Node has no createImageBitmap).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tf } from './tfjs';
import { createTfEngine, MAX_LOADED_MODELS, type EngineDeps } from './engine';
import { selectBackend } from './backend';
import { makeForward } from './models';
import type { ClassifyHooks, ProgressFn } from './predict';
import type { BackendName, ImageInput, ModelSpec, Notice } from '@/engine/shared/types';
import { tinySpec } from '@/testing/tinyModels';
import { greyDecoder, greyImage } from '@/testing/greyImages';

type ClassifyItem = Parameters<ClassifyHooks['onItem']>[1];

const LABELS = Array.from({ length: 1000 }, (_, i) => `class ${i}`);
const noProgress: ProgressFn = () => undefined;

const specOf = (id: string): ModelSpec => tinySpec({ id, name: id });

/** Loads a tiny real Keras model (global average pool → 1000 logits) per spec, recording loads and disposals. */
function tinyLoader() {
  const loads: string[] = [];
  const disposed: string[] = [];
  const loadModel: EngineDeps['loadModel'] = async (spec) => {
    loads.push(spec.key);
    const model = tf.sequential({ layers: [tf.layers.globalAveragePooling2d({ inputShape: [4, 4, 3] }), tf.layers.dense({ units: 1000 })] });
    return {
      spec,
      labels: LABELS,
      runtime: 'tfjs',
      model,
      topology: null,
      forward: makeForward(model, spec),
      info: {
        key: spec.key,
        backend: tf.getBackend() as BackendName,
        loadMs: 0,
        warmupMs: 0,
        inputShape: [null, 4, 4, 3],
        outputShape: [null, 1000],
        parameters: 3003,
        weightBytes: 12012,
        fromCache: false,
        cacheProblem: null,
      },
      dispose() {
        disposed.push(spec.key);
        model.dispose();
      },
    };
  };
  return { loads, disposed, loadModel };
}

const fakeDecode = greyDecoder;
const images = (count: number): ImageInput[] => Array.from({ length: count }, (_, i) => greyImage(`${i}.png`, i * 40));

function engineWith(overrides: Partial<EngineDeps> = {}) {
  const loader = tinyLoader();
  const engine = createTfEngine({ loadModel: loader.loadModel, decoder: () => fakeDecode, ...overrides });
  return { engine, ...loader };
}

async function classify(engine: ReturnType<typeof createTfEngine>, spec: ModelSpec, count: number, batchSize: number) {
  const items = new Map<number, ClassifyItem>();
  const notices: Notice[] = [];
  const outcome = await engine.classify(
    { model: spec, k: 3, images: images(count), batchSize },
    { onItem: (i, item) => items.set(i, item), onProgress: noProgress, isCancelled: () => false, onNotice: (n) => notices.push(n) },
  );
  return { outcome, items: [...items.values()], notices };
}

beforeAll(() => {
  // backend.ts probes WebGPU through the worker's self.navigator; Node has neither, so only cpu starts.
  vi.stubGlobal('self', { navigator: {} });
});

describe('createTfEngine: the model LRU', () => {
  it(`keeps the ${MAX_LOADED_MODELS} models used last; the one pushed out is disposed and its memory freed`, async () => {
    const { engine, loads, disposed } = engineWith();
    await engine.init('cpu', noProgress);
    const base = engine.memory().numTensors;
    await engine.load(specOf('a'), noProgress);
    const perModel = engine.memory().numTensors - base;
    expect(perModel).toBeGreaterThan(0);
    await engine.load(specOf('b'), noProgress);
    await engine.load(specOf('c'), noProgress);
    expect(disposed).toEqual(['a@1']);
    expect(engine.memory().numTensors).toBe(base + MAX_LOADED_MODELS * perModel);

    await engine.load(specOf('b'), noProgress); // still loaded: used again, not reloaded
    await engine.load(specOf('a'), noProgress); // reloaded; c is now the least recent
    expect(loads).toEqual(['a@1', 'b@1', 'c@1', 'a@1']);
    expect(disposed).toEqual(['a@1', 'c@1']);
    expect(engine.memory().numTensors).toBe(base + MAX_LOADED_MODELS * perModel);
  });
});

describe('createTfEngine: init again', () => {
  it('the same backend twice keeps the models loaded: no second copy, no new tensors', async () => {
    const { engine, loads, disposed } = engineWith();
    const first = await engine.init('cpu', noProgress);
    expect(first).toMatchObject({ backend: 'cpu', forced: true });
    await engine.load(specOf('a'), noProgress);
    const loaded = engine.memory().numTensors;

    expect(await engine.init('cpu', noProgress)).toEqual(first);
    await engine.load(specOf('a'), noProgress);
    expect(loads).toEqual(['a@1']);
    expect(disposed).toEqual([]);
    expect(engine.memory().numTensors).toBe(loaded);
  });

  it('another backend disposes every model (their weights lived in the old one) and loads them afresh', async () => {
    // wasm cannot start in Node: the stand-in starts cpu and reports it as wasm, which is all the engine sees.
    const start: EngineDeps['selectBackend'] = async (forced, measured) => {
      if (forced !== 'wasm') return selectBackend(forced, measured);
      return { ...(await selectBackend('cpu')), backend: 'wasm', reason: 'forced by the user' };
    };
    const { engine, loads, disposed } = engineWith({ selectBackend: start });
    await engine.init('cpu', noProgress);
    const base = engine.memory().numTensors;
    await engine.load(specOf('a'), noProgress);
    await engine.load(specOf('b'), noProgress);
    expect(engine.memory().numTensors).toBeGreaterThan(base);

    expect(await engine.init('wasm', noProgress)).toMatchObject({ backend: 'wasm', forced: true });
    expect(disposed.sort()).toEqual(['a@1', 'b@1']);
    expect(engine.memory().numTensors).toBe(base);
    await engine.load(specOf('a'), noProgress);
    expect(loads).toEqual(['a@1', 'b@1', 'a@1']);
  });
});

describe("createTfEngine: the 'oom' fault", () => {
  it('multi-image forward passes fail as out of memory, so classify halves the batch down to single images; the next request is whole again', async () => {
    const { engine } = engineWith();
    await engine.init('cpu', noProgress);
    const spec = specOf('a');
    await engine.load(spec, noProgress);
    const before = engine.memory().numTensors;

    await engine.injectFault('oom');
    const hit = await classify(engine, spec, 4, 4);
    expect(hit.outcome).toEqual({ count: 4, failed: 0 });
    expect(hit.items.map((item) => item.status === 'ok' && item.batchSize)).toEqual([1, 1, 1, 1]);
    expect(hit.notices.map((n) => n.kind)).toEqual(['batch-split', 'batch-split', 'batch-split']);
    expect(hit.notices[0]?.message).toMatch(/A batch of 4 images ran out of memory; it was split into 2 \+ 2/);

    const after = await classify(engine, spec, 4, 4);
    expect(after.items.map((item) => item.status === 'ok' && item.batchSize)).toEqual([4, 4, 4, 4]);
    expect(after.notices).toEqual([]);
    // Same answers either way: halving changes the batches, not the results.
    const top = (items: ClassifyItem[]) => items.map((item) => (item.status === 'ok' ? item.predictions[0]?.classIndex : null));
    expect(top(after.items)).toEqual(top(hit.items));
    expect(engine.memory().numTensors).toBe(before);
  });
});
