import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeIndexedDb } from '@/browser/storage/testing/fakeIndexedDb';
import type { EvaluateDocument } from '@/features/evaluate/shared/evaluateJson';
import { type SavedEvaluateRun, savedRunSummary } from '@/features/evaluate/shared/savedRuns';

// A report with only the fields the history reads, plus one no version of the history knows of.
const report = (ns: number[]) =>
  ({
    entries: ns.map((n) => ({ entry: `m${n}`, n })),
    unmapped: 0,
    unmappedFolders: {},
    nonImages: 0,
    device: {},
    addedLater: { kept: true },
  }) as unknown as EvaluateDocument;
const run = (id: string, day: number, ns = [20]): SavedEvaluateRun => ({
  id,
  savedAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
  folder: 'evalset',
  report: report(ns),
});

let fake: FakeIndexedDb;
const load = async () => {
  vi.resetModules();
  return import('./evaluateHistory');
};

beforeEach(() => {
  fake = new FakeIndexedDb();
  vi.stubGlobal('indexedDB', fake.asFactory());
});
afterEach(() => vi.unstubAllGlobals());

describe('saved evaluations in IndexedDB', () => {
  it('lists saved runs newest first after a reload, each report whole', async () => {
    const history = await load();
    await history.saveEvaluation(run('r1', 1));
    await history.saveEvaluation(run('r2', 2));
    const listed = await (await load()).listEvaluations();
    expect(listed.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(listed[0]?.report).toMatchObject({ addedLater: { kept: true } });
  });

  it('rejects a save aborted at commit with what to do, and keeps only what was committed', async () => {
    const history = await load();
    await history.saveEvaluation(run('r1', 1));
    fake.failNextCommit('QuotaExceededError');
    await expect(history.saveEvaluation(run('r2', 2))).rejects.toMatchObject({
      code: 'quota-exceeded',
      message: expect.stringMatching(/^Not saved: .*Delete saved evaluations/),
    });
    expect((await history.listEvaluations()).map((r) => r.id)).toEqual(['r1']);
  });

  it('keeps the newest MAX_SAVED_EVALUATIONS runs', async () => {
    const history = await load();
    for (let day = 1; day <= history.MAX_SAVED_EVALUATIONS + 2; day++) await history.saveEvaluation(run(`r${day}`, day));
    const kept = await history.listEvaluations();
    expect(kept).toHaveLength(history.MAX_SAVED_EVALUATIONS);
    expect(kept.at(-1)?.id).toBe('r3');
  });

  it('deletes one run', async () => {
    const history = await load();
    await history.saveEvaluation(run('r1', 1));
    await history.saveEvaluation(run('r2', 2));
    await history.deleteEvaluation('r2');
    expect((await history.listEvaluations()).map((r) => r.id)).toEqual(['r1']);
  });

  it('makes ids that sort as the runs were saved', async () => {
    const { newEvaluationId } = await load();
    expect(newEvaluationId(new Date(Date.UTC(2026, 0, 2))) > newEvaluationId(new Date(Date.UTC(2026, 0, 1)))).toBe(true);
  });
});

describe('savedRunSummary', () => {
  it('counts entries and the most images any entry scored', () => {
    expect(savedRunSummary(run('r1', 1, [18, 20]))).toEqual({ id: 'r1', savedAt: '2026-01-01T00:00:00.000Z', folder: 'evalset', entries: 2, n: 20 });
    expect(savedRunSummary(run('r0', 1, []))).toMatchObject({ entries: 0, n: 0 });
  });
});
