import { describe, expect, it } from 'vitest';
import { WASM_THREAD_CAP, wasmThreadsFor } from './wasmThreads';

describe('wasmThreadsFor', () => {
  it('uses every core of a small machine', () => {
    expect(wasmThreadsFor(2)).toBe(2);
    expect(wasmThreadsFor(1)).toBe(1);
  });
  it('caps a large machine', () => {
    expect(wasmThreadsFor(64)).toBe(WASM_THREAD_CAP);
  });
  it('falls back to one thread when the browser does not say', () => {
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(0)).toBe(1);
    expect(wasmThreadsFor(Number.NaN)).toBe(1);
  });
});
