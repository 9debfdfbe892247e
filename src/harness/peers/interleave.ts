/**
 * The app and a peer timed run by run, in one page, after the same warm-up: each round runs both,
 * the order alternating so neither always goes first (a cache, a GC or the other's leftover work
 * would otherwise land on one side). Each timed call ends only when its answer is back. Pure: the
 * clock is injected.
 */
export interface Clock {
  now(): number;
}

export interface Interleaved {
  /** ms per call, in run order. */
  app: number[];
  peer: number[];
}

export async function interleave(
  app: () => Promise<unknown>,
  peer: () => Promise<unknown>,
  options: { warmup: number; runs: number },
  clock: Clock = performance,
): Promise<Interleaved> {
  for (let i = 0; i < options.warmup; i += 1) {
    await app();
    await peer();
  }
  const times: Interleaved = { app: [], peer: [] };
  const timed = async (run: () => Promise<unknown>, into: number[]): Promise<void> => {
    const t0 = clock.now();
    await run();
    into.push(clock.now() - t0);
  };
  for (let i = 0; i < options.runs; i += 1) {
    if (i % 2 === 0) {
      await timed(app, times.app);
      await timed(peer, times.peer);
    } else {
      await timed(peer, times.peer);
      await timed(app, times.app);
    }
  }
  return times;
}
