import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaughtRecord } from './taughtDb';
import { FakeIndexedDb } from './testing/fakeIndexedDb';

const record = (id: string): TaughtRecord => ({
  id,
  meta: { name: `model ${id}`, createdAt: '2026-01-01T00:00:00.000Z' } as TaughtRecord['meta'],
  head: { weights: new Float32Array([1, 2, 3]).buffer } as unknown as TaughtRecord['head'],
});
const ids = (records: TaughtRecord[]): string[] => records.map((r) => r.id);

let fake: FakeIndexedDb;
/** A fresh module, as after a reload: nothing cached from the test before. */
const load = async () => {
  vi.resetModules();
  return import('./taughtDb');
};

beforeEach(() => {
  fake = new FakeIndexedDb();
  vi.stubGlobal('indexedDB', fake.asFactory());
});
afterEach(() => vi.unstubAllGlobals());

describe('taught models in IndexedDB', () => {
  it('rejects a save the browser aborts at commit, and does not list it as saved', async () => {
    const db = await load();
    await db.putTaught(record('kept'));
    fake.failNextCommit('QuotaExceededError');
    // The put request itself succeeds; only the commit fails, as when the disk fills as the weights land.
    await expect(db.putTaught(record('lost'))).rejects.toMatchObject({
      name: 'LumenError',
      code: 'quota-exceeded',
      message: expect.stringMatching(
        /^Not saved: the browser's storage for this site is full \(QuotaExceededError.*\)\. Delete a taught model or free space\.$/,
      ),
    });
    expect(ids(await db.listTaught())).toEqual(['kept']);
    expect(ids(await (await load()).listTaught())).toEqual(['kept']);
  });

  it('keeps, lists and deletes records across reloads, weights intact', async () => {
    const first = await load();
    await first.putTaught(record('a'));
    await first.putTaught(record('b'));
    const second = await load();
    const listed = await second.listTaught();
    expect(ids(listed)).toEqual(['a', 'b']);
    expect([...new Float32Array((listed[0]!.head as unknown as { weights: ArrayBuffer }).weights)]).toEqual([1, 2, 3]);
    await second.deleteTaught('a');
    expect(ids(await (await load()).listTaught())).toEqual(['b']);
  });

  it('still lists the models the first version saved (keyPath id, version 1), and moves them to the new layout', async () => {
    fake.seed('lumen-taught', 1, 'models', 'id', [['old-1', record('old-1')]]);
    const db = await load();
    expect(ids(await db.listTaught())).toEqual(['old-1']);
    expect(fake.databases.get('lumen-taught')?.version).toBe(2);
    await db.putTaught(record('new-1'));
    await db.deleteTaught('old-1');
    expect(ids(await (await load()).listTaught())).toEqual(['new-1']);
  });

  it('leaves the old records in place when moving them aborts, and moves them on the next try', async () => {
    fake.seed('lumen-taught', 1, 'models', 'id', [['old-1', record('old-1')]]);
    const db = await load();
    fake.failNextCommit('QuotaExceededError');
    await expect(db.listTaught()).rejects.toMatchObject({ code: 'quota-exceeded', message: expect.stringContaining('Free space, then reload.') });
    expect(fake.databases.get('lumen-taught')?.version).toBe(1);
    expect(ids(await db.listTaught())).toEqual(['old-1']);
    expect(fake.databases.get('lumen-taught')?.version).toBe(2);
  });

  it('says so when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const db = await load();
    await expect(db.putTaught(record('x'))).rejects.toMatchObject({ name: 'LumenError', message: expect.stringMatching(/^Not saved: .*no IndexedDB/) });
  });
});
