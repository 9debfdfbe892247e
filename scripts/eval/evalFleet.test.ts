import { describe, expect, it } from 'vitest';
import { mergePasses } from './evalFleet';
import { entryFromPasses, type PassResult } from './evalDataRun';
import type { ImageOutcome } from '../../src/features/evaluate/shared/evaluateReport';
import { shardRoundRobin } from '../common/fleetArgs';

const identity = { model: 'm', weights: 'float32', runtime: 'tfjs', backend: 'wasm' };
const names = Array.from({ length: 10 }, (_, i) => `class ${i}`);
/** Image i of class i % 3, predicted right when i is even, with a confidence that varies. */
const images = Array.from({ length: 9 }, (_, i) => ({ path: `set/${i}.jpg`, truth: i % 3, absolute: `/d/${i}.jpg`, index: i }));
const outcomeOf = (image: (typeof images)[number]): ImageOutcome => ({
  file: image.path,
  truth: image.truth,
  status: 'ok',
  top: [image.index % 2 === 0 ? image.truth : 9, image.truth],
  top1Probability: 0.3 + image.index / 20,
});
const passOver = (shard: readonly (typeof images)[number][], totalMs: number): PassResult => ({
  pass: { kind: 'clean' },
  outcomes: shard.map(outcomeOf),
  totalMs,
});

describe('mergePasses', () => {
  it('gives the figures of one run over the whole folder: outcomes back in order, times summed', () => {
    const whole = entryFromPasses(identity, [passOver(images, 90)], 1, names);
    const shards = shardRoundRobin(images, 2).map((placed, i) => ({ placed, passes: [passOver(placed, 40 + i * 10)] }));
    const merged = entryFromPasses(identity, mergePasses(shards, images.length), 1, names);
    expect(merged).toEqual(whole);
    // Each shard's own top-1 differs; the merged one is counted, not averaged.
    const own = shards.map((s) => entryFromPasses(identity, s.passes, 0, names).top1);
    expect(own[0]).not.toBe(own[1]);
    expect(merged.top1).toBe(5 / 9);
  });

  it('fails when an image came back from no browser', () => {
    const [first] = shardRoundRobin(images, 2);
    expect(() => mergePasses([{ placed: first ?? [], passes: [passOver(first ?? [], 1)] }], images.length)).toThrow(/came back from no browser/);
  });
});
