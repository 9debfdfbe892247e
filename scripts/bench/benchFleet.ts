/**
 * `npm run bench -- --connect ws://a/…,ws://b/…`: the whole bench on every endpoint at once (each
 * is its own device, so their timings do not share a CPU; endpoints on one machine do, and disturb
 * each other). One report keyed by device; the JSON's top-level fields are the first device's
 * that ran, `devices[]` carries each device's info and rows.
 */
import { writeFileSync } from 'node:fs';
import { describeDevice, openFleet } from '../common/fleet';
import type { DeviceInfo } from '../common/deviceInfo';
import type { BenchCli } from './benchArgs';
import { benchDocument, benchLines } from './benchOutput';
import { reportRows, type ReportRow } from './benchReport';
import { runBenchSession, type BenchResults } from './benchSession';

/** One device of a bench --connect run, as `devices[]` lists it; `error` when its bench failed. */
export interface BenchDevice {
  endpoint: string;
  device: DeviceInfo;
  rows: ReportRow[];
  error?: string;
}

const message = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Runs the bench on each --connect endpoint; returns the exit code (1 when a device ran nothing). */
export async function runBenchFleet(cli: BenchCli, asked: readonly string[], argv: readonly string[]): Promise<number> {
  const fleet = await openFleet(cli.connect ?? [], { rebuild: cli.build, isolated: cli.isolated, serveHost: cli.serveHost });
  try {
    for (const member of fleet.members)
      member.headless.page.on('console', (m) => m.text().startsWith('[bench]') && console.error(`${member.endpoint} ${m.text()}`));
    const settled = await Promise.allSettled(fleet.members.map((member) => runBenchSession(member.headless, cli, asked)));
    const devices: BenchDevice[] = [];
    let lead: BenchResults | null = null;
    fleet.members.forEach((member, i) => {
      const outcome = settled[i];
      console.log(`\n=== device ${i + 1} ${member.endpoint}: ${describeDevice(member.device)}`);
      if (!outcome || outcome.status === 'rejected') {
        const error = outcome ? message(outcome.reason) : 'no result';
        console.log(`bench failed on this device: ${error}`);
        devices.push({ endpoint: member.endpoint, device: member.device, rows: [], error });
        return;
      }
      lead ??= outcome.value;
      for (const line of benchLines(outcome.value, cli)) console.log(line);
      devices.push({ endpoint: member.endpoint, device: member.device, rows: reportRows(outcome.value.rows, 'app') });
    });
    if (cli.json) {
      const first: BenchResults | null = lead;
      const document = { ...(first ? benchDocument(first, cli, argv) : {}), devices };
      writeFileSync(cli.json, `${JSON.stringify(document, null, 2)}\n`);
      console.log(`wrote ${cli.json}`);
    }
    return devices.every((d) => d.rows.length > 0) ? 0 : 1;
  } finally {
    await fleet.close();
  }
}
