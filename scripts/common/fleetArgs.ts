/**
 * The flags a fleet of remote browsers takes (npm run eval / bench --connect, --serve-host) and how
 * its work is dealt out; pure, so the flag parsers can use it without a browser in sight.
 */
/** Names of this machine's loopback interface: a server for them listens there alone. */
export const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/** `--connect`'s comma list: ws:// or wss:// endpoints, each once. */
export function parseEndpoints(value: string): string[] {
  const endpoints = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (endpoints.length === 0) throw new Error('--connect needs one or more ws:// endpoints, comma-separated');
  for (const endpoint of endpoints) {
    if (!/^wss?:\/\//.test(endpoint)) throw new Error(`--connect: "${endpoint}" is not a ws:// or wss:// endpoint`);
  }
  if (new Set(endpoints).size !== endpoints.length) throw new Error('--connect: an endpoint is listed twice (a browser server is one device)');
  return endpoints;
}

/**
 * The host the fleet's browsers load the harness from: `--serve-host` as given; without it,
 * localhost when every endpoint is on this machine. A remote endpoint needs a host it can reach
 * (this machine's name or address), which only the person running the command knows.
 */
export function resolveServeHost(endpoints: readonly string[], serveHost: string | null): string {
  if (serveHost !== null) return serveHost;
  const remote = endpoints.filter((endpoint) => !isLoopbackHost(new URL(endpoint).hostname));
  if (remote.length > 0)
    throw new Error(`--connect ${remote.join(',')} is not on this machine: give --serve-host HOST, a name or address of this machine those browsers can reach`);
  return 'localhost';
}

/** Every `count`-th item from `index` on: deterministic shards that keep the classes mixed. */
export function shardRoundRobin<T>(items: readonly T[], count: number): T[][] {
  return Array.from({ length: count }, (_, shard) => items.filter((_, i) => i % count === shard));
}
