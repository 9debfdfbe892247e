import { describe, expect, it } from 'vitest';
import { interleave } from './interleave';

describe('interleave', () => {
  it('warms both up, then times them run by run, alternating which goes first', async () => {
    let t = 0;
    const order: string[] = [];
    const call = (name: string, ms: number) => async () => {
      order.push(name);
      t += ms;
    };
    const times = await interleave(call('app', 10), call('peer', 25), { warmup: 1, runs: 3 }, { now: () => t });
    expect(order).toEqual(['app', 'peer', 'app', 'peer', 'peer', 'app', 'app', 'peer']);
    expect(times).toEqual({ app: [10, 10, 10], peer: [25, 25, 25] });
  });
});
