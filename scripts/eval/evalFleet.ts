/**
 * `npm run eval -- --data DIR --connect ws://a/…,ws://b/…`: the folder's scored images are dealt
 * round-robin over the fleet's browsers, each shard runs every pass on its own browser at once,
 * and the shards' per-image outcomes are put back in the folder's order and scored together by the
 * shared evaluateReport: the merged entries are exactly what one browser would report for the
 * whole folder (counts merged, never figures averaged). Each device keeps its own entries (its
 * shard's figures and latency) in `devices[]`.
 */
import { writeFile } from 'node:fs/promises';
import type { EntryDocument, EvaluateDocument } from '../../src/features/evaluate/shared/evaluateJson';
import type { ImagePlan } from '../../src/features/evaluate/shared/evaluatePlan';
import type { ImageOutcome } from '../../src/features/evaluate/shared/evaluateReport';
import { describeDevice, type Fleet, type FleetMember } from '../common/fleet';
import { shardRoundRobin } from '../common/fleetArgs';
import type { DeviceInfo } from '../common/deviceInfo';
import type { EvalOptions } from './evalArgs';
import { dataEntryLines } from './evalDataReport';
import { dataDocument, entryFromPasses, notScoredLines, prepareEntry, readDataRun, runPasses, type PassImage, type PassResult } from './evalDataRun';

/** One browser's part of an eval --connect run, as `devices[]` lists it. */
export interface DeviceEntries {
  endpoint: string;
  device: DeviceInfo;
  entries: EntryDocument[];
}

export interface FleetEvaluateDocument extends EvaluateDocument {
  devices: DeviceEntries[];
}

/** Images tagged with their place in the folder's order, so the shards can be put back. */
type Placed = PassImage & { index: number };

/**
 * The shards' passes as one: pass by pass, each outcome back at its image's place in the folder's
 * order, the worker times summed (the pooled time of every device, not any one's speed).
 */
export function mergePasses(shards: readonly { placed: readonly Placed[]; passes: readonly PassResult[] }[], total: number): PassResult[] {
  const [head] = shards;
  if (!head) return [];
  return head.passes.map((first, p) => {
    const outcomes: ImageOutcome[] = new Array<ImageOutcome>(total);
    let totalMs = 0;
    let placedCount = 0;
    for (const shard of shards) {
      const result = shard.passes[p];
      if (!result) throw new Error(`a shard ran ${shard.passes.length} pass(es), the first ${head.passes.length}`);
      totalMs += result.totalMs;
      shard.placed.forEach((image, i) => {
        const outcome = result.outcomes[i];
        if (!outcome) return;
        outcomes[image.index] = outcome;
        placedCount++;
      });
    }
    // Shards are disjoint, so a full count means every image of the folder has its outcome.
    if (placedCount !== total) throw new Error(`pass ${p}: ${total - placedCount} of ${total} image(s) came back from no browser`);
    return { pass: first.pass, outcomes, totalMs };
  });
}

async function evaluateOnFleet(members: readonly FleetMember[], options: EvalOptions, model: string, data: Awaited<ReturnType<typeof readDataRun>>) {
  const targets = members.map((m) => ({ page: m.headless.page, localUrl: m.headless.localUrl }));
  // Every browser loads the model; the plan is the same on each (the same labels), the first's is used.
  const prepared = await Promise.all(targets.map((target) => prepareEntry(target, options, model, data.folder, data.synsets)));
  const [lead] = prepared;
  if (!lead) throw new Error('the fleet has no browser');
  const backends = new Set(prepared.map((p) => `${p.identity.runtime}/${p.identity.backend}`));
  if (backends.size > 1) process.stderr.write(`[${model}] the fleet ran on different runtimes/backends: ${[...backends].join(', ')}\n`);
  const placed: Placed[] = lead.images.map((image, index) => ({ ...image, index }));
  const shards = shardRoundRobin(placed, members.length);
  const runs = await Promise.all(
    shards.map(async (shard, i) => {
      const target = targets[i];
      const entry = prepared[i];
      if (!target || !entry) throw new Error(`no browser for shard ${i}`);
      const passes = await runPasses(target, options, entry.prepared.spec, shard, `${model} @ ${members[i]?.endpoint}`);
      // A shard's own figures: its images only; the folder's unmapped ones are counted once, in the merged entry.
      return { placed: shard, passes, document: entryFromPasses(entry.identity, passes, 0, entry.names) };
    }),
  );
  const merged = entryFromPasses(lead.identity, mergePasses(runs, placed.length), lead.plan.unmapped, lead.names);
  return { merged, perDevice: runs.map((r) => r.document), plan: lead.plan };
}

export async function runEvalDataFleet(fleet: Fleet, options: EvalOptions, models: readonly string[], out: (line: string) => void): Promise<number> {
  const data = await readDataRun(options);
  const { members } = fleet;
  const entries: EntryDocument[] = [];
  const perDevice: EntryDocument[][] = members.map(() => []);
  let first: ImagePlan | null = null;
  for (const model of models) {
    const result = await evaluateOnFleet(members, options, model, data);
    first ??= result.plan;
    entries.push(result.merged);
    result.perDevice.forEach((entry, i) => perDevice[i]?.push(entry));
  }
  members.forEach((member, i) => {
    out(`device ${i + 1} ${member.endpoint}: ${describeDevice(member.device)}`);
    for (const entry of perDevice[i] ?? []) for (const line of dataEntryLines(entry)) out(`  ${line}`);
  });
  out(`merged over ${members.length} device(s):`);
  for (const entry of entries) for (const line of dataEntryLines(entry)) out(line);
  for (const line of notScoredLines(first, data.folder)) out(line);
  if (options.json) {
    const lead = members[0]?.device;
    const device = lead ? { userAgent: lead.userAgent, cores: lead.cores, isolated: lead.crossOriginIsolated } : {};
    const document: FleetEvaluateDocument = {
      ...dataDocument(entries, first, data.folder, { ...device, backend: entries[0]?.backend ?? options.backend }),
      devices: members.map((member, i) => ({ endpoint: member.endpoint, device: member.device, entries: perDevice[i] ?? [] })),
    };
    await writeFile(options.json, `${JSON.stringify(document, null, 2)}\n`);
    process.stderr.write(`wrote ${options.json}\n`);
  }
  return 0;
}
