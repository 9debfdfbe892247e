import { describe, expect, it } from 'vitest';
import { createModelLru } from './modelLru';

/** A stand-in model that records whether it was disposed. */
function fakeModel(name: string) {
  return {
    name,
    disposed: 0,
    dispose() {
      this.disposed += 1;
    },
  };
}
type Fake = ReturnType<typeof fakeModel>;

function loader() {
  const loads: string[] = [];
  const made = new Map<string, Fake[]>();
  const load = (key: string) => async () => {
    loads.push(key);
    const model = fakeModel(key);
    made.set(key, [...(made.get(key) ?? []), model]);
    return model;
  };
  return { loads, made, load };
}

describe('model LRU', () => {
  it('keeps the models used last and disposes the one pushed out', async () => {
    const lru = createModelLru<Fake>(2);
    const { loads, made, load } = loader();
    const a = await lru.ensure('a', load('a'));
    await lru.ensure('b', load('b'));
    await lru.ensure('c', load('c'));
    expect(a.disposed).toBe(1);
    expect(lru.size).toBe(2);
    expect(lru.peek('a')).toBeUndefined();
    expect(lru.newest()?.name).toBe('c');
    await lru.ensure('a', load('a')); // loaded again: b is now the least recent
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
    expect(made.get('b')?.[0]?.disposed).toBe(1);
    expect(made.get('c')?.[0]?.disposed).toBe(0);
  });

  it('a model used again moves to the back of the queue and is not loaded twice', async () => {
    const lru = createModelLru<Fake>(2);
    const { loads, load } = loader();
    const a = await lru.ensure('a', load('a'));
    const b = await lru.ensure('b', load('b'));
    expect(await lru.ensure('a', load('a'))).toBe(a);
    await lru.ensure('c', load('c'));
    expect(loads).toEqual(['a', 'b', 'c']);
    expect(b.disposed).toBe(1);
    expect(a.disposed).toBe(0);
  });

  it('peek leaves the order alone', async () => {
    const lru = createModelLru<Fake>(2);
    const { load } = loader();
    const a = await lru.ensure('a', load('a'));
    await lru.ensure('b', load('b'));
    expect(lru.peek('a')).toBe(a);
    await lru.ensure('c', load('c'));
    expect(a.disposed).toBe(1);
  });

  it('overlapping loads of one model share a single load: no copy is left undisposed', async () => {
    const lru = createModelLru<Fake>(2);
    const { loads, load } = loader();
    const [first, second] = await Promise.all([lru.ensure('a', load('a')), lru.ensure('a', load('a'))]);
    expect(first).toBe(second);
    expect(loads).toEqual(['a']);
    expect(lru.size).toBe(1);
  });

  it('a failed load adds nothing, and the next ensure tries again', async () => {
    const lru = createModelLru<Fake>(2);
    const { loads, load } = loader();
    await expect(lru.ensure('a', () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    expect(lru.size).toBe(0);
    await expect(lru.ensure('a', load('a'))).resolves.toMatchObject({ name: 'a' });
    expect(loads).toEqual(['a']);
  });

  it('drop and clear dispose; clear goes on past a disposal that throws', async () => {
    const lru = createModelLru<Fake>(3);
    const { load } = loader();
    const a = await lru.ensure('a', load('a'));
    const b = await lru.ensure('b', load('b'));
    const c = await lru.ensure('c', load('c'));
    lru.drop('a');
    expect(a.disposed).toBe(1);
    b.dispose = () => {
      throw new Error('its textures died with the GPU');
    };
    const errors: unknown[] = [];
    lru.clear((error) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect(c.disposed).toBe(1);
    expect(lru.size).toBe(0);
    expect(lru.newest()).toBeUndefined();
  });

  it('says a model is fresh once, after each load', async () => {
    const lru = createModelLru<Fake>(1);
    const { load } = loader();
    await lru.ensure('a', load('a'));
    expect(lru.takeFresh('a')).toBe(true);
    expect(lru.takeFresh('a')).toBe(false);
    await lru.ensure('b', load('b')); // a is evicted
    await lru.ensure('a', load('a'));
    expect(lru.takeFresh('a')).toBe(true);
  });

  it('refuses a capacity below one', () => {
    expect(() => createModelLru(0)).toThrow(RangeError);
  });
});
