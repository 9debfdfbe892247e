/**
 * The thread probe with a fake engine: it opens a worker at the other count only where threads
 * can differ, times wasm alone with the ONNX Runtime members (LiteRT weighs its threads itself),
 * and always closes the probe.
 */
import { describe, expect, it } from 'vitest';
import type { LumenEngine } from '@/engine/shared/lumenEngine';
import type { BackendTiming } from '@/engine/shared/timeBackends';
import type { ModelSpec } from '@/engine/shared/types';
import { probeThreadsFor, timeOtherThreads, type OpenProbe } from './threadProbe';

const spec = { id: 'mnv2', format: 'graph' } as ModelSpec;
const onnx = { id: 'mnv2_onnx', format: 'onnx' } as ModelSpec;
const tflite = { id: 'mnv2_tflite', format: 'tflite' } as ModelSpec;
const timing: BackendTiming = { backend: 'wasm', firstMs: 50, warmMs: 30, runs: 5, skipped: null, threads: 1 };

function fakeProbe(fail = false) {
  const seen: { opened: (number | null)[]; closed: number; requests: unknown[] } = { opened: [], closed: 0, requests: [] };
  const open: OpenProbe = (threads) => {
    seen.opened.push(threads);
    const engine = {
      init: async (body: unknown) => {
        seen.requests.push({ init: body });
        return {};
      },
      timeBackends: async (body: unknown) => {
        seen.requests.push({ time: body });
        if (fail) throw new Error('no wasm');
        return [timing];
      },
    } as unknown as LumenEngine;
    return { engine, close: () => void (seen.closed += 1) };
  };
  return { open, seen };
}

describe('probeThreadsFor', () => {
  it('probes one thread against the default, or the default against an asked one', () => {
    expect(probeThreadsFor({ isolated: true, cores: 2, asked: null })).toBe(1);
    expect(probeThreadsFor({ isolated: true, cores: 8, asked: 2 })).toBe(1);
    expect(probeThreadsFor({ isolated: true, cores: 2, asked: 1 })).toBeNull();
  });
  it('has nothing to compare without isolation or with one core', () => {
    expect(probeThreadsFor({ isolated: false, cores: 8, asked: null })).toBeUndefined();
    expect(probeThreadsFor({ isolated: true, cores: 1, asked: null })).toBeUndefined();
  });
});

describe('timeOtherThreads', () => {
  it('times wasm alone, with the ONNX Runtime members only, and closes the probe', async () => {
    const { open, seen } = fakeProbe();
    const result = await timeOtherThreads(spec, [onnx, tflite], { isolated: true, cores: 2, asked: null }, open);
    expect(result).toEqual({ timings: [timing], threads: 1 });
    expect(seen.opened).toEqual([1]);
    expect(seen.requests).toEqual([{ init: { backend: 'wasm' } }, { time: { model: spec, backends: ['wasm'], members: [onnx] } }]);
    expect(seen.closed).toBe(1);
  });
  it('opens nothing where there is nothing to compare', async () => {
    const { open, seen } = fakeProbe();
    expect(await timeOtherThreads(spec, [onnx], { isolated: false, cores: 2, asked: null }, open)).toEqual({ timings: [], threads: null });
    expect(seen.opened).toEqual([]);
  });
  it('closes the probe when its timing fails', async () => {
    const { open, seen } = fakeProbe(true);
    await expect(timeOtherThreads(spec, [], { isolated: true, cores: 2, asked: 1 }, open)).rejects.toThrow('no wasm');
    expect(seen.opened).toEqual([null]);
    expect(seen.closed).toBe(1);
  });
});
