import { describe, expect, it } from 'vitest';
import { WASM_THREAD_CAP, wasmThreadsFor, wasmThreadsHere } from './wasmThreads';

describe('wasmThreadsFor', () => {
  it('uses both cores of a 2-core machine, one on a single core', () => {
    expect(wasmThreadsFor(2)).toBe(2);
    expect(wasmThreadsFor(1)).toBe(1);
  });
  it('counts physical cores (half the logical ones) on larger machines', () => {
    expect(wasmThreadsFor(4)).toBe(2);
    expect(wasmThreadsFor(6)).toBe(3);
  });
  it('caps a large machine', () => {
    expect(wasmThreadsFor(8)).toBe(WASM_THREAD_CAP);
    expect(wasmThreadsFor(64)).toBe(WASM_THREAD_CAP);
  });
  it('falls back to one thread when the browser does not say', () => {
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(0)).toBe(1);
    expect(wasmThreadsFor(Number.NaN)).toBe(1);
  });
});

describe('wasmThreadsHere', () => {
  it('takes the count the worker name asks for, capped, else the default for the cores', () => {
    expect(wasmThreadsHere({ name: 'w~wasm-threads=1', navigator: { hardwareConcurrency: 8 } })).toBe(1);
    expect(wasmThreadsHere({ name: 'w~wasm-threads=64', navigator: { hardwareConcurrency: 8 } })).toBe(WASM_THREAD_CAP);
    expect(wasmThreadsHere({ name: 'w', navigator: { hardwareConcurrency: 8 } })).toBe(wasmThreadsFor(8));
    expect(wasmThreadsHere({})).toBe(1);
  });
});
