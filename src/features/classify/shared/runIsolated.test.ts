import { describe, expect, it } from 'vitest';
import { isOutOfMemory, runIsolated } from './runIsolated';
import { LumenError, isCancelled } from '@/shared/errors';

/** Runs items through `run` and records what happened to each, and every batch tried. */
async function record(items: string[], run: (group: readonly string[]) => Promise<string[]>, cancelAfterCalls = Infinity) {
  const ok = new Map<string, string>();
  const failed = new Map<string, string>();
  const splits: [number, number, number][] = [];
  const tried: string[][] = [];
  const outcome = await runIsolated(
    items,
    async (group) => {
      tried.push([...group]);
      return run(group);
    },
    {
      onSuccess: (group, result) => group.forEach((item, i) => ok.set(item, result[i] ?? '')),
      onFailure: (item, error) => failed.set(item, error instanceof Error ? error.message : String(error)),
      onSplit: (size, first, second) => splits.push([size, first, second]),
      isCancelled: () => tried.length >= cancelAfterCalls,
    },
  ).catch((error: unknown) => error);
  return { ok, failed, splits, tried, outcome };
}

const echo = async (group: readonly string[]) => group.map((item) => `result of ${item}`);

describe('runIsolated', () => {
  it('runs a good batch once', async () => {
    const { ok, tried, failed } = await record(['a', 'b', 'c'], echo);
    expect(tried).toEqual([['a', 'b', 'c']]);
    expect(ok.get('b')).toBe('result of b');
    expect(failed.size).toBe(0);
  });

  it('halves an out-of-memory batch recursively until the pieces fit, losing nothing', async () => {
    const run = async (group: readonly string[]) => {
      if (group.length > 2) throw new Error('Failed to allocate 64 MB: out of memory');
      return echo(group);
    };
    const { ok, failed, splits, tried } = await record(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], run);
    expect(failed.size).toBe(0);
    expect([...ok.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(splits).toEqual([
      [8, 4, 4],
      [4, 2, 2],
      [4, 2, 2],
    ]);
    expect(tried.filter((g) => g.length <= 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('recognises a LumenError out-of-memory code as well as allocation messages', () => {
    expect(isOutOfMemory(new LumenError('out-of-memory', 'too big'))).toBe(true);
    expect(isOutOfMemory(new Error('OOM when allocating tensor'))).toBe(true);
    expect(isOutOfMemory(new Error('shader compile failed'))).toBe(false);
  });

  it('retries image by image after another error, so only the image that really fails fails', async () => {
    const run = async (group: readonly string[]) => {
      if (group.includes('bad')) throw new Error('Requested texture size [20000x20000] greater than WebGL maximum');
      return echo(group);
    };
    const { ok, failed, splits } = await record(['a', 'bad', 'c', 'd'], run);
    expect([...ok.keys()]).toEqual(['a', 'c', 'd']);
    expect([...failed.keys()]).toEqual(['bad']);
    expect(failed.get('bad')).toMatch(/texture size/);
    expect(splits).toEqual([]);
  });

  it('fails a single item that runs out of memory on its own, without splitting', async () => {
    const run = async () => {
      throw new LumenError('out-of-memory', 'no memory at all');
    };
    const { failed, splits } = await record(['only'], run);
    expect([...failed.keys()]).toEqual(['only']);
    expect(splits).toEqual([]);
  });

  it('propagates a cancellation thrown by the batch, marking nothing as failed', async () => {
    const run = async () => {
      throw new LumenError('cancelled', 'stop');
    };
    const { outcome, failed, tried } = await record(['a', 'b', 'c'], run);
    expect(isCancelled(outcome)).toBe(true);
    expect(failed.size).toBe(0);
    expect(tried).toHaveLength(1);
  });

  it('stops retrying as soon as a cancel is seen between attempts', async () => {
    const run = async (group: readonly string[]) => {
      if (group.length > 1) throw new Error('some failure');
      return echo(group);
    };
    const { outcome, ok, tried } = await record(['a', 'b', 'c', 'd'], run, 2);
    expect(isCancelled(outcome)).toBe(true);
    expect(tried).toEqual([['a', 'b', 'c', 'd'], ['a']]);
    expect([...ok.keys()]).toEqual(['a']);
  });
});
