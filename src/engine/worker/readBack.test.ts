import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readBack, readBackAll } from './readBack';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('readBack', () => {
  it('gives the values and shape, and disposes the tensor', async () => {
    const baseline = tf.memory().numTensors;
    const tensor = tf.tensor2d([0.25, 0.75, 0.5, 0.5], [2, 2]);
    const { values, shape } = await readBack(tensor);
    expect([...values]).toEqual([0.25, 0.75, 0.5, 0.5]);
    expect(shape).toEqual([2, 2]);
    expect(tensor.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('disposes the tensor when its read-back rejects (out of memory, a lost GPU)', async () => {
    const baseline = tf.memory().numTensors;
    const tensor = tf.zeros([1, 1000]);
    vi.spyOn(tensor, 'data').mockRejectedValue(new Error('Failed to allocate texture: out of memory'));
    await expect(readBack(tensor)).rejects.toThrow(/out of memory/);
    expect(tensor.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('disposes the tensor when data() throws before it returns a promise', async () => {
    const baseline = tf.memory().numTensors;
    const tensor = tf.zeros([1, 3]);
    vi.spyOn(tensor, 'data').mockImplementation(() => {
      throw new Error('backend gone');
    });
    await expect(readBack(tensor)).rejects.toThrow(/backend gone/);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('readBackAll', () => {
  it('reads every tensor in order', async () => {
    const [a, b] = await readBackAll([tf.tensor1d([1, 2]), tf.tensor2d([3, 4, 5], [1, 3])]);
    expect([...a.values]).toEqual([1, 2]);
    expect(b.shape).toEqual([1, 3]);
  });

  it('disposes all of them when one read-back rejects', async () => {
    const baseline = tf.memory().numTensors;
    const features = tf.ones([1, 2, 2, 3]);
    const gradients = tf.ones([1, 2, 2, 3]);
    vi.spyOn(gradients, 'data').mockRejectedValue(new Error('lost'));
    await expect(readBackAll([features, gradients])).rejects.toThrow('lost');
    expect(features.isDisposed && gradients.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
