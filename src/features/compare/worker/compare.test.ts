import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareModels, type CompareDecoder, type LoadFn } from './compare';
import { median } from '@/shared/stats';
import { makeForward, type LoadedModel } from '@/engine/worker/models';
import { LumenError } from '@/shared/errors';
import type { ModelInfo, ModelSpec } from '@/engine/shared/types';
import type { CompareRow } from '@/features/compare/shared/messages';
import { tinySpec } from '@/testing/tinyModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = (key: string, classes: 1000 | 1001 = 1000): ModelSpec => tinySpec({ id: key, key, name: key.toUpperCase(), classes });

/** Global pool → dense: the class with the largest weight for a grey image wins, deterministically. */
function loaded(s: ModelSpec, winner: number): LoadedModel {
  const model = tf.sequential();
  model.add(tf.layers.globalAveragePooling2d({ inputShape: [4, 4, 3] }));
  const kernel = tf.buffer([3, s.classes]);
  for (let c = 0; c < 3; c += 1) kernel.set(1, c, winner);
  model.add(tf.layers.dense({ units: s.classes, weights: [kernel.toTensor(), tf.zeros([s.classes])] }));
  const info = {
    key: s.key,
    backend: 'cpu',
    loadMs: 5,
    warmupMs: 2,
    parameters: 3 * s.classes + s.classes,
    weightBytes: 16 * s.classes,
    fromCache: true,
  } as ModelInfo;
  return {
    spec: s,
    labels: Array.from({ length: s.classes }, (_, i) => `c${i}`),
    runtime: 'tfjs',
    info,
    model,
    topology: null,
    forward: makeForward(model, s),
    dispose: () => model.dispose(),
  };
}

const grey: CompareDecoder = async () => ({ pixels: { width: 4, height: 4, data: new Uint8Array(64).fill(200) }, close: () => undefined });
const image = { name: 'grey.png', kind: 'blob' as const, blob: new Blob(['x']) };

function run(load: LoadFn, models: ModelSpec[], runs: number, cancelAfterRows = Infinity) {
  const rows: CompareRow[] = [];
  const outcome = compareModels(
    tf,
    load,
    { models, image, warmup: 1, runs },
    {
      onRow: (i, row) => (rows[i] = row),
      onProgress: () => undefined,
      isCancelled: () => rows.length >= cancelAfterRows,
    },
    grey,
  );
  return { rows, outcome };
}

describe('compareModels', () => {
  it('times every model at batch 1 and reports its top-1 on the image, leaking nothing', async () => {
    const a = loaded(spec('a'), 7);
    const b = loaded(spec('b', 1001), 8); // output 8 of a 1001-class model is Keras class 7
    const before = tf.memory().numTensors;
    const { rows, outcome } = run(async (s) => (s.key === 'a' ? a : b), [spec('a'), spec('b', 1001)], 4);
    expect(await outcome).toEqual({ count: 2, failed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    for (const row of rows) {
      if (row.status !== 'ok') throw new Error('expected ok rows');
      expect(row.runsMs).toHaveLength(4);
      expect(row.medianMs).toBe(median(row.runsMs));
      expect(row.top1).toMatchObject({ classIndex: 7 });
      expect(row).toMatchObject({ loadMs: 5, fromCache: true });
    }
    a.dispose();
    b.dispose();
  });

  it('a model that fails to load gets an error row; the next one still runs', async () => {
    const b = loaded(spec('b'), 3);
    const load: LoadFn = async (s) => {
      if (s.key === 'broken') throw new LumenError('model-not-found', 'missing shard group1-shard1of1');
      return b;
    };
    const { rows, outcome } = run(load, [spec('broken'), spec('b')], 2);
    expect(await outcome).toEqual({ count: 2, failed: 1 });
    expect(rows[0]).toMatchObject({ status: 'error', error: { code: 'model-not-found', message: 'missing shard group1-shard1of1' } });
    expect(rows[1]).toMatchObject({ status: 'ok', top1: { classIndex: 3 } });
    b.dispose();
  });

  it('stops when cancelled, with the rows so far kept', async () => {
    const a = loaded(spec('a'), 1);
    const { rows, outcome } = run(async () => a, [spec('a'), spec('a'), spec('a')], 2, 1);
    const error = await outcome.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumenError);
    expect((error as LumenError).code).toBe('cancelled');
    expect(rows).toHaveLength(1);
    a.dispose();
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
