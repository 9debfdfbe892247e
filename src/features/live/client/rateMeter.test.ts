import { describe, expect, it } from 'vitest';
import { createRateMeter } from './rateMeter';

describe('rateMeter', () => {
  it('is 0 until two frames, then counts intervals over the span', () => {
    const meter = createRateMeter(2000);
    expect(meter.rate(0)).toBe(0);
    meter.tick(0);
    expect(meter.rate(0)).toBe(0);
    for (let t = 100; t <= 1000; t += 100) meter.tick(t);
    expect(meter.rate(1000)).toBeCloseTo(10, 6);
  });

  it('reads a loop slower than one frame per window (seconds a frame) from its last interval, until it stalls', () => {
    const meter = createRateMeter(2000);
    for (const t of [0, 4500, 9000]) meter.tick(t);
    expect(meter.rate(9000)).toBeCloseTo(1000 / 4500, 6);
    expect(meter.rate(12_000)).toBeCloseTo(1000 / 4500, 6);
    expect(meter.rate(19_000)).toBe(0);
  });

  it('forgets frames older than the window, so a slowdown shows within it', () => {
    const meter = createRateMeter(1000);
    for (let t = 0; t <= 1000; t += 50) meter.tick(t); // 20 fps
    expect(meter.rate(1000)).toBeCloseTo(20, 6);
    for (let t = 1500; t <= 3000; t += 500) meter.tick(t); // then 2 fps
    expect(meter.rate(3000)).toBeCloseTo(2, 6);
    expect(meter.rate(3500)).toBeCloseTo(2, 6); // the last interval while within the window's reach
    expect(meter.rate(10_000)).toBe(0); // nothing for a long time: no rate
    meter.tick(10_000);
    meter.reset();
    expect(meter.rate(10_000)).toBe(0);
  });
});
