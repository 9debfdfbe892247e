/** The teach requests through the handler (fake engine) and the client's resume rule for them. */
import { describe, expect, it } from 'vitest';
import { createHandler } from '@/engine/worker/handler';
import type { Engine } from '@/engine/worker/engine';
import { newDelivered, resumeRequest } from '@/engine/client/resume';
import { LumenError } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';
import type { RequestBody, WorkerEvent } from '@/engine/shared/protocol';
import { DEFAULT_DENSE } from '@/features/teach/shared/teach';

const base = { key: 'm@1', name: 'M' } as ModelSpec;
const image = { name: 'a.jpg', kind: 'blob' as const, blob: new Blob(['x']) };
const trainBody = {
  type: 'teach-train' as const,
  base,
  method: 'dense' as const,
  classes: ['a', 'b'],
  train: { vectors: [new Float32Array([1, 0])], labels: [0] },
  test: { vectors: [], labels: [] },
  dense: DEFAULT_DENSE,
  temperature: 20,
};

function engine(overrides: Partial<Engine>): Engine {
  const unused = async (): Promise<never> => {
    throw new Error('not in this test');
  };
  return {
    memory: () => ({ numTensors: 0, numBytes: 0 }),
    injectFault: unused,
    init: unused,
    load: unused,
    classify: unused,
    inspect: unused,
    compare: unused,
    benchmark: unused,
    explain: unused,
    liveFrame: unused,
    ...overrides,
  };
}

describe('teach requests in the handler', () => {
  it('streams embeddings then ends with teach-embedded', async () => {
    const events: WorkerEvent[] = [];
    const handler = createHandler(
      engine({
        async teachEmbed(request, hooks) {
          hooks.onItem(0, { name: request.images[0]?.name ?? '', status: 'ok', key: 'k', vector: new Float32Array([1]), cached: false });
          return { count: 1, failed: 0, dim: 1, at: 'pool' };
        },
      }),
      (e) => events.push(e),
    );
    await handler({ type: 'teach-embed', id: 3, base, images: [image] });
    expect(events.map((e) => e.type)).toEqual(['teach-embedding', 'teach-embedded', 'memory']);
    expect(events[1]).toMatchObject({ id: 3, count: 1, dim: 1, at: 'pool' });
  });

  it('streams epochs, and a cancelled training ends as cancelled', async () => {
    const events: WorkerEvent[] = [];
    const handler = createHandler(
      engine({
        async teachTrain(_request, hooks) {
          hooks.onEpoch({ epoch: 1, epochs: 2, loss: 1, accuracy: 0.5, valLoss: null, valAccuracy: null });
          throw new LumenError('cancelled', 'Training was cancelled.');
        },
      }),
      (e) => events.push(e),
    );
    await handler({ ...trainBody, id: 4 });
    expect(events.map((e) => e.type)).toEqual(['teach-epoch', 'cancelled', 'memory']);
  });

  it('an engine without teaching answers with a clear error', async () => {
    const events: WorkerEvent[] = [];
    await createHandler(engine({}), (e) => events.push(e))({ ...trainBody, id: 5 });
    expect(events[0]).toMatchObject({ type: 'error', error: { message: 'This engine cannot teach.' } });
  });
});

describe('resumeRequest for teach requests', () => {
  it('sends them again whole (embeddings are cached by content; a head is quick to teach again)', () => {
    const bodies: RequestBody[] = [{ type: 'teach-embed', base, images: [image] }, trainBody];
    for (const body of bodies) expect(resumeRequest(body, newDelivered())).toEqual({ body, remap: null, lost: [] });
  });
});
