import { describe, expect, it } from 'vitest';
import { progressText, summariseRun } from './runSummary';
import type { ClassifyItem } from '@/features/classify/shared/messages';

type Status = 'pending' | 'ok' | 'error';
const ok: ClassifyItem = {
  name: 'x',
  status: 'ok',
  predictions: [],
  batchMs: 1,
  batchSize: 1,
  decodeMs: 0,
  preprocessMs: 0,
  width: 1,
  height: 1,
  format: 'JPEG',
  downscaled: false,
  thumbnail: null,
};
const failed = (code: 'decode-failed' | 'cancelled'): ClassifyItem => ({ name: 'x', status: 'error', error: { name: 'LumenError', code, message: code } });
const card = (key: string, status: Status, item: ClassifyItem | null = status === 'ok' ? ok : status === 'error' ? failed('decode-failed') : null) => ({
  key,
  status,
  item,
});
const run = (keys: string[], extra: { firstResultMs?: number | null; totalMs?: number | null } = {}) => ({
  cardKeys: new Set(keys),
  firstResultMs: null,
  totalMs: null,
  ...extra,
});

describe('summariseRun', () => {
  it('counts done from the cards themselves: five finished cards read "5 of 5" whatever a superseded request counted', () => {
    // A drop while the app was starting, then a model change: the first request was superseded
    // after 2 items; the re-run finished all five. Nothing but the cards decides the count.
    const cards = ['a', 'b', 'c', 'd', 'e'].map((k) => card(k, 'ok'));
    const summary = summariseRun(cards, run(['a', 'b', 'c', 'd', 'e'], { firstResultMs: 40, totalMs: 900 }));
    expect(summary).toMatchObject({ done: 5, total: 5, failed: 0, pending: 0 });
    expect(progressText(summary)).toBe('5 of 5 done · first result 40 ms · all in 900 ms');
  });

  it("counts only the run's cards for progress, every card for failures", () => {
    const cards = [card('new1', 'pending'), card('new2', 'ok'), card('old1', 'ok'), card('old2', 'error')];
    const summary = summariseRun(cards, run(['new1', 'new2']));
    expect(summary).toMatchObject({ done: 1, total: 2, failed: 1, pending: 1 });
    expect(progressText(summary)).toBe('1 of 2 done');
  });

  it('tells cancelled cards apart from failed ones', () => {
    const cards = [card('a', 'error', failed('cancelled')), card('b', 'error'), card('c', 'ok')];
    expect(summariseRun(cards, run(['a', 'b', 'c']))).toMatchObject({ done: 3, failed: 1, cancelled: 1 });
  });

  it('ignores run keys whose cards were removed', () => {
    const summary = summariseRun([card('a', 'ok')], run(['a', 'gone']));
    expect(summary).toMatchObject({ done: 1, total: 1 });
  });

  it('says nothing about progress without a run', () => {
    const summary = summariseRun([card('a', 'pending')], null);
    expect(summary).toMatchObject({ done: 0, total: 0, pending: 1 });
    expect(progressText(summary)).toBe('');
  });
});
