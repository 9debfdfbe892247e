import { describe, expect, it } from 'vitest';
import { wasmThreadsOfName, withWasmThreads } from './wasmThreadsName';

describe('wasm threads in a worker name', () => {
  it('round-trips a count and leaves a default name alone', () => {
    expect(wasmThreadsOfName(withWasmThreads('lumen-tfjs-a-1', 1))).toBe(1);
    expect(wasmThreadsOfName(withWasmThreads('lumen-tfjs-a-1', 3))).toBe(3);
    expect(withWasmThreads('lumen-tfjs-a-1', null)).toBe('lumen-tfjs-a-1');
    expect(wasmThreadsOfName('lumen-tfjs-a-1')).toBeNull();
    expect(wasmThreadsOfName(undefined)).toBeNull();
  });
  it('ignores nonsense counts', () => {
    expect(wasmThreadsOfName('x~wasm-threads=0')).toBeNull();
    expect(wasmThreadsOfName('x~wasm-threads=two')).toBeNull();
    expect(wasmThreadsOfName('x~wasm-threads=1.5')).toBeNull();
  });
});
