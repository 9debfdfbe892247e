import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMs, formatShape } from './format';

describe('formatting', () => {
  it('bytes in B, kB, MB', () => {
    expect([formatBytes(512), formatBytes(60_507), formatBytes(1_960_531), formatBytes(97_900_000), formatBytes(null)]).toEqual([
      '512 B',
      '60.5 kB',
      '1.96 MB',
      '97.9 MB',
      '—',
    ]);
  });

  it('counts, times and shapes', () => {
    expect([formatCount(5128), formatCount(470_000), formatCount(25_600_000)]).toEqual(['5,128', '470.0 k', '25.60 M']);
    expect([formatMs(3.14259), formatMs(41.26), formatMs(2500), formatMs(Number.NaN)]).toEqual(['3.14 ms', '41.3 ms', '2.50 s', '—']);
    expect([formatShape([null, 224, 224, 3]), formatShape(null)]).toEqual(['[N, 224, 224, 3]', 'unknown']);
  });
});
