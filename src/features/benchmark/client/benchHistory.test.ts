import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeIndexedDb } from '@/browser/storage/testing/fakeIndexedDb';
import type { BenchRun } from '@/features/benchmark/shared/benchRun';

// Only the fields the history reads; the rest of a run travels through it untouched.
const run = (id: string, startedAt: string): BenchRun => ({ id, startedAt, status: 'done' }) as BenchRun;

let fake: FakeIndexedDb;
const load = async () => {
  vi.resetModules();
  return import('./benchHistory');
};

beforeEach(() => {
  fake = new FakeIndexedDb();
  vi.stubGlobal('indexedDB', fake.asFactory());
});
afterEach(() => vi.unstubAllGlobals());

describe('benchmark history in IndexedDB', () => {
  it('lists the runs the first version saved, newest first, beside new ones', async () => {
    fake.seed('lumen-benchmarks', 1, 'runs', 'id', [['r-old', run('r-old', '2026-01-01T00:00:00.000Z')]]);
    const history = await load();
    await history.saveRun(run('r-new', '2026-02-01T00:00:00.000Z'));
    expect((await (await load()).listRuns()).map((r) => r.id)).toEqual(['r-new', 'r-old']);
  });

  it('rejects a save aborted at commit with what to do, and keeps only what was committed', async () => {
    const history = await load();
    await history.saveRun(run('r1', '2026-01-01T00:00:00.000Z'));
    fake.failNextCommit('QuotaExceededError');
    await expect(history.saveRun(run('r2', '2026-01-02T00:00:00.000Z'))).rejects.toMatchObject({
      code: 'quota-exceeded',
      message: expect.stringMatching(/^Not saved: the browser's storage for this site is full .*Delete saved runs/),
    });
    expect((await history.listRuns()).map((r) => r.id)).toEqual(['r1']);
  });

  it('keeps the newest MAX_SAVED_RUNS runs', async () => {
    const history = await load();
    for (let day = 1; day <= history.MAX_SAVED_RUNS + 1; day++) await history.saveRun(run(`r${day}`, new Date(Date.UTC(2026, 0, day)).toISOString()));
    const kept = await history.listRuns();
    expect(kept).toHaveLength(history.MAX_SAVED_RUNS);
    expect(kept.at(-1)?.id).toBe('r2');
  });
});
