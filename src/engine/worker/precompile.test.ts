import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileOnlyFlag, precompile } from './precompile';

describe('parallel shader compilation for warm-up', () => {
  it("names each shader backend's compile-only flag, and none for the others", () => {
    expect(compileOnlyFlag('webgl')).toBe('ENGINE_COMPILE_ONLY');
    expect(compileOnlyFlag('webgpu')).toBe('WEBGPU_ENGINE_COMPILE_ONLY');
    expect(compileOnlyFlag('wasm')).toBeNull();
    expect(compileOnlyFlag('cpu')).toBeNull();
  });

  it('does nothing on a backend without shaders: the pass is not run and no tensor is left', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    let ran = 0;
    const compiled = await precompile(async () => {
      ran++;
      return tf.zeros([1]);
    });
    expect(compiled).toBe(false);
    expect(ran).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
