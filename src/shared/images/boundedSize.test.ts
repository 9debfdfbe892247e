import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SIDE, boundedSize, decodeBoundFor, downscaleStages, thumbnailSize } from './boundedSize';

describe('boundedSize', () => {
  it('leaves an image within the bound as it is', () => {
    expect(boundedSize({ width: 500, height: 375 }, 1024)).toEqual({ width: 500, height: 375, downscaled: false });
    expect(boundedSize({ width: 1024, height: 10 }, 1024).downscaled).toBe(false);
  });
  it('brings the longest side to the bound and keeps the aspect ratio', () => {
    expect(boundedSize({ width: 20000, height: 20000 }, 1024)).toEqual({ width: 1024, height: 1024, downscaled: true });
    expect(boundedSize({ width: 4032, height: 3024 }, 1024)).toEqual({ width: 1024, height: 768, downscaled: true });
    expect(boundedSize({ width: 3024, height: 4032 }, 1024)).toEqual({ width: 768, height: 1024, downscaled: true });
  });
  it('never gives a side below 1 px (a 1×100000 strip)', () => {
    expect(boundedSize({ width: 1, height: 100000 }, 1024)).toEqual({ width: 1, height: 1024, downscaled: true });
  });
});

describe('downscaleStages', () => {
  it('is empty when nothing needs shrinking', () => {
    expect(downscaleStages({ width: 800, height: 600 }, 1024)).toEqual([]);
  });
  it('shrinks by at most 4:1 per stage and ends exactly at the bound', () => {
    const stages = downscaleStages({ width: 20000, height: 20000 }, 1024);
    expect(stages).toEqual([
      { width: 5000, height: 5000 },
      { width: 1250, height: 1250 },
      { width: 1024, height: 1024 },
    ]);
    let previous = 20000;
    for (const stage of stages) {
      expect(previous / stage.width).toBeLessThanOrEqual(4);
      previous = stage.width;
    }
  });
  it('takes one stage when the image is within 4× of the bound', () => {
    expect(downscaleStages({ width: 4000, height: 3000 }, 1024)).toEqual([{ width: 1024, height: 768 }]);
  });
});

describe('decodeBoundFor and thumbnailSize', () => {
  it('uses the default bound for 224-px models and 4× the input for large ones', () => {
    expect(decodeBoundFor([224, 224])).toBe(DEFAULT_MAX_SIDE);
    expect(decodeBoundFor([512, 384])).toBe(2048);
  });
  it('thumbnails have a 160 px longest side, never upscaled', () => {
    expect(thumbnailSize({ width: 1024, height: 768 })).toEqual({ width: 160, height: 120 });
    expect(thumbnailSize({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
  });
});
