/**
 * For unit tests only: a network and a Cache Storage in memory, to provoke what a browser meets
 * when loading a model (dropped connections, corrupt cached copies, a full origin) on demand.
 */
import { RETRY_DELAYS_MS, type FetchDeps } from '@/engine/worker/modelFetch';

/** One origin's model cache; `quotaBytes` makes put() fail as a full origin does. */
export class FakeCache {
  readonly entries = new Map<string, Uint8Array>();
  constructor(private readonly quotaBytes = Infinity) {}
  async match(url: string): Promise<Response | undefined> {
    const body = this.entries.get(url);
    return body ? new Response(body.slice()) : undefined;
  }
  async put(url: string, response: Response): Promise<void> {
    const body = new Uint8Array(await response.arrayBuffer());
    const used = [...this.entries.values()].reduce((sum, b) => sum + b.length, 0);
    if (used + body.length > this.quotaBytes) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.entries.set(url, body);
  }
  async delete(url: string): Promise<boolean> {
    return this.entries.delete(url);
  }
  text(url: string): string | null {
    const body = this.entries.get(url);
    return body ? new TextDecoder().decode(body) : null;
  }
}

export interface FakeNetwork {
  deps: FetchDeps;
  cache: FakeCache;
  /** Every URL requested from the network, in order. */
  requests: string[];
  /** Every wait between attempts, ms (the fake sleep returns at once). */
  sleeps: number[];
}

export interface FakeNetworkOptions {
  /** Whether the n-th request (from 1) for `url` fails to connect. */
  fail?: (url: string, n: number) => boolean;
  quotaBytes?: number;
}

/** Serves `served` (URL → body); anything else answers 404. */
export function fakeNetwork(served: ReadonlyMap<string, string | Uint8Array>, options: FakeNetworkOptions = {}): FakeNetwork {
  const cache = new FakeCache(options.quotaBytes);
  const requests: string[] = [];
  const sleeps: number[] = [];
  const fetchFn = async (url: string): Promise<Response> => {
    requests.push(url);
    if (options.fail?.(url, requests.filter((u) => u === url).length)) throw new TypeError('Failed to fetch');
    const body = served.get(url);
    if (body === undefined) return new Response('not found', { status: 404 });
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return new Response(bytes.slice(), { headers: { 'content-length': String(bytes.length) } });
  };
  const caches = { open: async () => cache } as unknown as CacheStorage;
  const deps: FetchDeps = { fetch: fetchFn, caches, retryDelaysMs: RETRY_DELAYS_MS, sleep: async (ms) => void sleeps.push(ms) };
  return { deps, cache, requests, sleeps };
}
