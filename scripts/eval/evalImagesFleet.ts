/**
 * `npm run eval -- --images DIR --connect ws://a/…,ws://b/…`: the set's images (labels.csv or
 * expected.csv) are dealt round-robin over the fleet, classified on every browser at once, and put
 * back in the set's order: the merged figures are scored from every image's outcome, as one browser
 * over the whole set would score them. `devices[]` keeps each browser's own shard figures and time.
 */
import { writeFile } from 'node:fs/promises';
import type { Fleet } from '../common/fleet';
import { shardRoundRobin } from '../common/fleetArgs';
import type { DeviceInfo } from '../common/deviceInfo';
import type { EvalOptions } from './evalArgs';
import type { EvalImage, EvalSet } from './evalData';
import { accuracyLine, evalDocument, photoTable, timingLine } from './evalReport';
import { classifyAll, prepareModel } from './evalRun';
import { scoreAccuracy, type Accuracy, type ImageOutcome } from './evalScore';

/** One browser's shard, as `devices[].entries[]` lists it for an --images run. */
export interface ImagesDeviceEntry {
  model: string;
  weights: string;
  runtime: string;
  backend: string;
  n: number;
  failed: number;
  /** Null for a photo set (no single label per image). */
  top1: number | null;
  top5: number | null;
  /** This browser's wall time over its shard (decode through read-back, as the page saw it). */
  latency: { perImageMs: number | null; totalMs: number; images: number };
}

const accuracyOf = (set: EvalSet, images: readonly EvalImage[], outcomes: readonly ImageOutcome[]): Accuracy | null =>
  set.kind === 'accuracy'
    ? scoreAccuracy(
        outcomes,
        images.map((i) => i.label ?? -1),
      )
    : null;

export async function runImagesFleet(fleet: Fleet, options: EvalOptions, set: EvalSet, out: (line: string) => void): Promise<number> {
  const placed = set.images.map((image, index) => ({ image, index }));
  const shards = shardRoundRobin(placed, fleet.members.length);
  const started = performance.now();
  const runs = await Promise.all(
    fleet.members.map(async (member, i) => {
      const target = { page: member.headless.page, localUrl: member.headless.localUrl };
      const prepared = await prepareModel(target.page, options.model, options.backend, options.weights, options.cropFraction);
      const shard = shards[i] ?? [];
      const images = shard.map((s) => s.image);
      const t0 = performance.now();
      const outcomes = await classifyAll(target, prepared.spec, images, { batchSize: options.batch });
      return { member, prepared, shard, images, outcomes, ms: performance.now() - t0 };
    }),
  );
  const wallMs = performance.now() - started;
  const merged: ImageOutcome[] = new Array<ImageOutcome>(set.images.length);
  let placedCount = 0;
  for (const run of runs)
    run.shard.forEach((s, i) => {
      const outcome = run.outcomes[i];
      if (!outcome) return;
      merged[s.index] = outcome;
      placedCount++;
    });
  // Shards are disjoint, so a full count means every image has its outcome.
  if (placedCount !== set.images.length) throw new Error(`${set.images.length - placedCount} image(s) came back from no browser`);
  const devices = runs.map((run) => {
    const acc = accuracyOf(set, run.images, run.outcomes);
    const entry: ImagesDeviceEntry = {
      model: options.model,
      weights: options.weights,
      runtime: run.prepared.model.runtime ?? 'tfjs',
      backend: run.prepared.model.runtimeBackend ?? run.prepared.engine.backend,
      n: run.outcomes.length,
      failed: run.outcomes.filter((o) => !o.ok).length,
      top1: acc?.top1 ?? null,
      top5: acc?.top5 ?? null,
      latency: { perImageMs: run.images.length > 0 ? run.ms / run.images.length : null, totalMs: run.ms, images: run.images.length },
    };
    out(`device ${run.member.endpoint}: ${acc ? accuracyLine(options.model, entry.backend, acc) : `${entry.n} photo(s)`}`);
    out(`  ${timingLine(run.images.length, run.ms, run.prepared.model.loadMs, run.prepared.model.warmupMs)}`);
    return { endpoint: run.member.endpoint, device: run.member.device, entries: [entry] };
  });
  const backend = devices[0]?.entries[0]?.backend ?? options.backend;
  const acc = accuracyOf(set, set.images, merged);
  out(`merged over ${runs.length} device(s):`);
  for (const line of acc ? [accuracyLine(options.model, backend, acc)] : photoTable(options.model, backend, set.images, merged)) out(line);
  out(`time: ${set.images.length} image(s) in ${(wallMs / 1000).toFixed(1)} s over the fleet (wall clock, every device at once)`);
  if (options.json) {
    const document = { ...evalDocument(options.model, backend, set, merged, acc), weights: options.weights, devices };
    await writeFile(options.json, JSON.stringify(document satisfies { devices: { endpoint: string; device: DeviceInfo; entries: ImagesDeviceEntry[] }[] }));
    process.stderr.write(`wrote ${options.json}\n`);
  }
  return 0;
}
