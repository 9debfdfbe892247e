import { describe, expect, it } from 'vitest';
import { runPipelined, type PipelineStages } from './pipeline';
import { isCancelled } from '@/shared/errors';

/** A promise with its resolver outside, to decide by hand when a stage finishes. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
const turns = async (n = 10): Promise<void> => {
  for (let i = 0; i < n; i += 1) await Promise.resolve();
};

interface Log {
  events: string[];
  released: number[][];
}

function stages(size: number, overrides: Partial<PipelineStages<number, number[]>> = {}): { stages: PipelineStages<number, number[]>; log: Log } {
  const log: Log = { events: [], released: [] };
  return {
    log,
    stages: {
      batchSize: () => size,
      prepare: async (items, start) => {
        log.events.push(`prepare ${start}`);
        return [...items];
      },
      run: async (batch) => {
        log.events.push(`run ${batch.join(',')}`);
      },
      release: (batch) => {
        log.released.push(batch);
      },
      onBatchDone: (end) => log.events.push(`done ${end}`),
      isCancelled: () => false,
      ...overrides,
    },
  };
}

describe('runPipelined', () => {
  it('prepares batch n+1 before batch n runs, and runs every batch once, in order', async () => {
    const { stages: s, log } = stages(2);
    await runPipelined([1, 2, 3, 4, 5], s);
    expect(log.events).toEqual(['prepare 0', 'prepare 2', 'run 1,2', 'done 2', 'prepare 4', 'run 3,4', 'done 4', 'run 5', 'done 5']);
    expect(log.released).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('the next batch decodes while this one runs, even when it finishes first', async () => {
    const running = gate();
    const events: string[] = [];
    const { stages: s } = stages(2, {
      prepare: async (items, start) => {
        events.push(`prepared ${start}`);
        return [...items];
      },
      run: async (batch) => {
        events.push(`run ${batch.join(',')} starts`);
        if (batch[0] === 1) await running.promise;
        events.push(`run ${batch.join(',')} ends`);
      },
    });
    const done = runPipelined([1, 2, 3, 4], s);
    await turns();
    // Batch 2 is prepared, batch 1 still in the model.
    expect(events).toEqual(['prepared 0', 'prepared 2', 'run 1,2 starts']);
    running.open();
    await done;
    expect(events.slice(3)).toEqual(['run 1,2 ends', 'run 3,4 starts', 'run 3,4 ends']);
  });

  it('a batch size lowered mid-way applies from the next cut', async () => {
    let size = 4;
    const { stages: s, log } = stages(4, {
      batchSize: () => size,
      run: async (batch) => {
        log.events.push(`run ${batch.join(',')}`);
        size = 1;
      },
    });
    await runPipelined([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], s);
    // The batch after the first was cut before the first ran, at 4; the rest at 1.
    expect(log.events.filter((e) => e.startsWith('run'))).toEqual(['run 1,2,3,4', 'run 5,6,7,8', 'run 9', 'run 10']);
  });

  it('cancel mid-pipeline: nothing more runs, the batch prepared ahead is awaited and released', async () => {
    let cancelled = false;
    const slowDecode = gate();
    const { stages: s, log } = stages(2, {
      prepare: async (items, start) => {
        if (start === 2) await slowDecode.promise;
        return [...items];
      },
      run: async (batch) => {
        log.events.push(`run ${batch.join(',')}`);
        cancelled = true;
      },
      isCancelled: () => cancelled,
    });
    const outcome = runPipelined([1, 2, 3, 4, 5, 6], s).catch((error: unknown) => error);
    await turns();
    expect(log.released).toEqual([[1, 2]]);
    slowDecode.open();
    const error = await outcome;
    expect(isCancelled(error)).toBe(true);
    expect(log.events).toEqual(['run 1,2', 'done 2']);
    expect(log.released).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('a run that throws releases its batch and the one ahead, then throws', async () => {
    const { stages: s, log } = stages(2, {
      run: async () => {
        throw new Error('boom');
      },
    });
    await expect(runPipelined([1, 2, 3, 4, 5], s)).rejects.toThrow('boom');
    expect(log.released).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('an empty list prepares nothing', async () => {
    const { stages: s, log } = stages(8);
    await runPipelined([], s);
    expect(log.events).toEqual([]);
  });
});
