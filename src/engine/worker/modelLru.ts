/**
 * The engine's loaded models, least recently used first. A large model holds hundreds of MB of
 * device memory, so only the few used last stay loaded, and one pushed out is disposed at once.
 * Loads of the same model that overlap share one load, so no copy is ever left undisposed.
 */
export interface Disposable {
  dispose(): void;
}

export interface ModelLru<M extends Disposable> {
  /** The model for `key`, now the most recent; else `load`'s, added as the most recent (past capacity the least recent is disposed). */
  ensure(key: string, load: () => Promise<M>): Promise<M>;
  /** The model for `key`, leaving the order as it is. */
  peek(key: string): M | undefined;
  /** The model used last. */
  newest(): M | undefined;
  /** Disposes and forgets the model for `key`. */
  drop(key: string): void;
  /** Disposes and forgets every model; what a disposal throws goes to `onDisposeError` (or is thrown, after the others are gone). */
  clear(onDisposeError?: (error: unknown) => void): void;
  /** True the first time it is asked after the model's load: nothing but its own load (warm-up) has run on it yet. */
  takeFresh(key: string): boolean;
  readonly size: number;
}

export function createModelLru<M extends Disposable>(capacity: number): ModelLru<M> {
  if (!(capacity >= 1)) throw new RangeError(`a model LRU holds at least one model, not ${capacity}`);
  const models = new Map<string, M>(); // Map order is the LRU order: least recent first
  const loading = new Map<string, Promise<M>>();
  const fresh = new Set<string>();

  const forget = (key: string): M | undefined => {
    const model = models.get(key);
    models.delete(key);
    fresh.delete(key);
    return model;
  };

  const add = (key: string, model: M): void => {
    const replaced = forget(key);
    if (replaced && replaced !== model) replaced.dispose();
    models.set(key, model);
    fresh.add(key);
    for (const oldest of models.keys()) {
      if (models.size <= capacity) break;
      forget(oldest)?.dispose();
    }
  };

  return {
    ensure(key, load) {
      const existing = models.get(key);
      if (existing) {
        models.delete(key);
        models.set(key, existing);
        return Promise.resolve(existing);
      }
      const inFlight = loading.get(key);
      if (inFlight) return inFlight;
      const started = (async () => {
        const model = await load();
        add(key, model);
        return model;
      })().finally(() => loading.delete(key));
      loading.set(key, started);
      return started;
    },
    peek: (key) => models.get(key),
    newest: () => [...models.values()].at(-1),
    drop: (key) => forget(key)?.dispose(),
    clear(onDisposeError) {
      const all = [...models.values()];
      models.clear();
      fresh.clear();
      const errors: unknown[] = [];
      for (const model of all) {
        try {
          model.dispose();
        } catch (error) {
          errors.push(error);
        }
      }
      if (!onDisposeError && errors.length > 0) throw errors[0];
      for (const error of errors) onDisposeError?.(error);
    },
    takeFresh: (key) => fresh.delete(key),
    get size() {
      return models.size;
    },
  };
}
