/**
 * One model load, made robust: the first attempt may read Cache Storage; if what it read there is
 * corrupt (a hash mismatch, or a cached copy TF.js cannot parse), the model's entries are evicted
 * and it is downloaded once more, from the network only. Whatever fails for good leaves no entry of
 * the model behind, and a model that could not be cached whole (storage full) is not kept in part.
 */
import { makeModelFetcher, type FetchDeps, type ModelFetcher } from './modelFetch';
import { CorruptFileError, FileFetchError, fileName } from './loadErrors';
import type { ModelSpec, Notice } from '@/engine/shared/types';

export interface Opened<T> {
  value: T;
  /** The fetcher of the attempt that succeeded: its cache hits and cache problem. */
  fetcher: ModelFetcher;
}

type Attempt<T> = ({ ok: true } & Opened<T>) | { ok: false; error: unknown; fetcher: ModelFetcher };

/**
 * A failure worth a second, network-only attempt: a file that failed its hash, or anything but a
 * download failure while some files came from the cache (a truncated cached model.json or shard).
 */
function mayBeCorruptCopy(error: unknown, fetcher: ModelFetcher): boolean {
  return error instanceof CorruptFileError || (!(error instanceof FileFetchError) && fetcher.hits.size > 0);
}

function evictedMessage(name: string, error: unknown): string {
  const what =
    error instanceof CorruptFileError
      ? `${fileName(error.url)} from the ${error.where === 'cache' ? 'offline cache' : 'network'} was corrupt (its sha256 did not match the catalog's)`
      : `the cached copy could not be read (${error instanceof Error ? error.message : String(error)})`;
  return `${name}: ${what}; its cached files were removed and the model was downloaded again.`;
}

/**
 * Runs `open` (which fetches every file through the fetcher it is given) with recovery; throws the
 * last attempt's error as it is (see describeLoadError), after removing the model's cache entries.
 */
export async function openWithRecovery<T>(
  spec: Pick<ModelSpec, 'name' | 'fileHashes'>,
  open: (fetcher: ModelFetcher) => Promise<T>,
  onNotice: (notice: Notice) => void,
  deps: FetchDeps,
): Promise<Opened<T>> {
  const attempt = async (readCache: boolean): Promise<Attempt<T>> => {
    const fetcher = makeModelFetcher({ label: spec.name, hashes: spec.fileHashes ?? {}, readCache, onNotice, deps });
    let value: T;
    try {
      value = await open(fetcher);
    } catch (error) {
      await fetcher.discard();
      return { ok: false, error, fetcher };
    }
    // Part of a model is no use offline and only takes the room that was lacking.
    if (fetcher.cacheProblem !== null) await fetcher.discard();
    return { ok: true, value, fetcher };
  };

  const first = await attempt(true);
  if (first.ok) return first;
  if (!mayBeCorruptCopy(first.error, first.fetcher)) throw first.error;
  const evictedAt = performance.now();
  const second = await attempt(false);
  if (!second.ok) throw second.error;
  onNotice({ kind: 'model-evicted', message: evictedMessage(spec.name, first.error), recoveryMs: performance.now() - evictedAt });
  return second;
}
