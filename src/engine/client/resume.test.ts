import { describe, expect, it } from 'vitest';
import { mapEvent, newDelivered, recordDelivery, resumeRequest } from './resume';
import type { RequestBody } from '@/engine/shared/protocol';
import type { BenchmarkOptions } from '@/features/benchmark/shared/messages';
import type { ModelSpec } from '@/engine/shared/types';

const spec = (key: string) => ({ key }) as ModelSpec;
const blob = (name: string) => ({ name, kind: 'blob' as const, blob: new Blob(['x']) });
const error = { name: 'E', code: 'internal' as const, message: 'x' };

describe('resumeRequest', () => {
  it('classify: re-sends only the images without an item, and maps indices back', () => {
    const body: RequestBody = { type: 'classify', model: spec('m'), k: 5, images: ['a', 'b', 'c', 'd'].map(blob), batchSize: 8 };
    const delivered = newDelivered();
    for (const index of [0, 2]) recordDelivery(delivered, { type: 'item', id: 1, index, item: { name: '', status: 'error', error } });
    const resumed = resumeRequest(body, delivered);
    expect(resumed?.body.type === 'classify' && resumed.body.images.map((i) => i.name)).toEqual(['b', 'd']);
    expect(resumed?.remap).toEqual([1, 3]);
    const item = { type: 'item' as const, id: 1, index: 1, item: { name: 'd', status: 'error' as const, error } };
    expect(mapEvent(item, resumed?.remap ?? null)).toMatchObject({ index: 3 });
  });

  it('classify: a transferred bitmap cannot go again and is reported lost', () => {
    const detached = { width: 0, height: 0 } as ImageBitmap;
    const body: RequestBody = {
      type: 'classify',
      model: spec('m'),
      k: 5,
      images: [blob('a'), { name: 'snap', kind: 'bitmap', bitmap: detached }],
      batchSize: 8,
    };
    const resumed = resumeRequest(body, newDelivered());
    expect(resumed?.lost).toEqual([1]);
    expect(resumed?.body.type === 'classify' && resumed.body.images.map((i) => i.name)).toEqual(['a']);
    expect(resumed?.remap).toEqual([0]);
  });

  it('compare: re-sends the models without a row', () => {
    const body: RequestBody = { type: 'compare', models: [spec('a'), spec('b'), spec('c')], image: null, warmup: 1, runs: 1 };
    const delivered = newDelivered();
    recordDelivery(delivered, { type: 'compare-row', id: 1, index: 0, row: {} as never });
    const resumed = resumeRequest(body, delivered);
    expect(resumed?.body.type === 'compare' && resumed.body.models.map((m) => m.key)).toEqual(['b', 'c']);
    expect(resumed?.remap).toEqual([1, 2]);
  });

  it('benchmark: re-sends the batch sizes not done, without a second cold start', () => {
    const options = { batches: [1, 8, 32], coldStart: true } as BenchmarkOptions;
    const delivered = newDelivered();
    recordDelivery(delivered, { type: 'batch-done', id: 1, result: { batch: 1 } as never });
    const resumed = resumeRequest({ type: 'benchmark', model: spec('m'), options }, delivered);
    expect(resumed?.body.type === 'benchmark' && resumed.body.options).toMatchObject({ batches: [8, 32], coldStart: false });
  });

  it('nothing left: an empty classify (still answered), but no benchmark to resume', () => {
    const delivered = newDelivered();
    recordDelivery(delivered, { type: 'item', id: 1, index: 0, item: { name: '', status: 'error', error } });
    const resumed = resumeRequest({ type: 'classify', model: spec('m'), k: 5, images: [blob('a')], batchSize: 8 }, delivered);
    expect(resumed?.body.type === 'classify' && resumed.body.images).toEqual([]);
    recordDelivery(delivered, { type: 'batch-done', id: 1, result: { batch: 1 } as never });
    expect(resumeRequest({ type: 'benchmark', model: spec('m'), options: { batches: [1] } as BenchmarkOptions }, delivered)).toBeNull();
  });
});
