/**
 * A fleet of remote browsers for npm run eval / bench `--connect ws://a/…,ws://b/…`: each endpoint
 * is a Playwright browser server (`browserType.launchServer`, Selenium Grid, a device cloud), all
 * of them load the one harness server started here, reached at `--serve-host`. eval shards its
 * images over the fleet (shardRoundRobin) and merges the outcomes; bench runs whole on each.
 */
import { serveHarness, type HarnessServer } from './harnessBuild';
import { resolveServeHost } from './fleetArgs';
import { openHarness, type Headless } from './headless';
import { probeDevice, type DeviceInfo } from './deviceInfo';

/** One browser of the fleet: its endpoint, the harness page open there, and what it runs on. */
export interface FleetMember {
  endpoint: string;
  headless: Headless;
  device: DeviceInfo;
}

export interface Fleet {
  members: FleetMember[];
  server: HarnessServer;
  close(): Promise<void>;
}

export interface FleetOptions {
  rebuild?: boolean;
  isolated?: boolean;
  serveHost: string | null;
  log?: (line: string) => void;
}

/** Serves the harness once and opens it on every endpoint (in parallel); all or nothing. */
export async function openFleet(endpoints: readonly string[], options: FleetOptions): Promise<Fleet> {
  const log = options.log ?? ((line: string) => console.error(line));
  const host = resolveServeHost(endpoints, options.serveHost);
  const server = await serveHarness({ rebuild: options.rebuild, isolated: options.isolated, host, log });
  log(`fleet: ${endpoints.length} browser(s) load the harness from ${server.baseUrl}`);
  const opened = await Promise.allSettled(
    endpoints.map(async (endpoint): Promise<FleetMember> => {
      const headless = await openHarness({ connect: endpoint, server, log: (line) => log(`[${endpoint}] ${line}`) });
      try {
        return { endpoint, headless, device: await probeDevice(headless.page) };
      } catch (error) {
        await headless.close();
        throw error;
      }
    }),
  );
  const members = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = opened.flatMap((o, i) =>
    o.status === 'rejected' ? [`${endpoints[i]}: ${o.reason instanceof Error ? o.reason.message : String(o.reason)}`] : [],
  );
  const close = async (): Promise<void> => {
    await Promise.allSettled(members.map((m) => m.headless.close()));
    await server.close();
  };
  if (failed.length > 0) {
    await close();
    throw new Error(`could not open the harness on ${failed.join('; ')}`);
  }
  for (const m of members) log(`fleet: ${m.endpoint}: ${describeDevice(m.device)}`);
  return { members, server, close };
}

/** One line naming a device: cores, adapter, what runs there, and the browser. */
export function describeDevice(device: DeviceInfo): string {
  const adapter = device.adapter ? [device.adapter.vendor, device.adapter.architecture].filter(Boolean).join(' ') || 'unnamed adapter' : 'no WebGPU adapter';
  const runtimes = Object.entries(device.runtimes)
    .map(([runtime, backends]) => `${runtime} ${backends.join('/')}`)
    .join(', ');
  const insecure = device.secureContext ? '' : ' · not a secure context (no WebGPU, no Cache Storage: see --serve-host in the README)';
  return `${device.cores ?? '?'} cores · ${adapter} · ${runtimes}${insecure} · ${device.userAgent}`;
}
