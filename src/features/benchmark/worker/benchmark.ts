/**
 * The benchmark loop, run in the worker. For each batch size: build the input once, warm every
 * variant up, then time rounds of one run per variant (interleaved, so variants share the same
 * machine conditions). A timed run ends when its output has been read back. tf.memory() is read
 * around every run, outside the timed window. A batch size that fails (out of memory, say) is
 * reported as failed and the sweep goes on; cancel is honoured between any two runs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { buildInput, fillBatch, makeRunner, skipReason, type BatchContext, type BenchTarget, type Runner } from './benchmarkRunners';
import type { PeerClassifier } from './peer';
import type { PixelSource } from '@/engine/worker/preprocess';
import type { RgbaReader } from '@/engine/worker/preprocessJs';
import { summarize } from '@/shared/stats';
import { LumenError, isCancelled, serializeError } from '@/shared/errors';
import type { SerializedError } from '@/shared/errors';
import type { MemorySnapshot } from '@/engine/shared/types';
import type { BatchResult, BenchmarkOptions, BenchSample, VariantResult } from '@/features/benchmark/shared/messages';

type TF = typeof tfTypes;

export interface BenchHooks {
  onSample(sample: BenchSample): void;
  onBatch(result: BatchResult): void;
  isCancelled(): boolean;
}

export interface BenchDeps {
  /** Decoded input pixels (the user's images or random noise); repeated to fill each batch. */
  pixels: readonly PixelSource[];
  read: RgbaReader;
  loadPeer(modelUrl: string): Promise<PeerClassifier>;
  /** Lets the worker's event loop run, so a cancel message can arrive during a long sweep. */
  yieldToEvents(): Promise<void>;
}

/** A safety cap for duration mode on very fast models: samples are kept in memory and sent. */
const MAX_ROUNDS = 20_000;
/** How often the loop gives way to incoming messages (cancel), ms; the pause is never timed. */
const YIELD_EVERY_MS = 25;

const snapshot = (tf: TF): MemorySnapshot => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};

interface Slot {
  result: VariantResult;
  runner: Runner | null;
}

export async function runBenchmark(tf: TF, target: BenchTarget, options: BenchmarkOptions, deps: BenchDeps, hooks: BenchHooks): Promise<BatchResult[]> {
  let lastYield = performance.now();
  const checkpoint = async (): Promise<void> => {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await deps.yieldToEvents();
      lastYield = performance.now();
    }
    if (hooks.isCancelled()) throw new LumenError('cancelled', 'The benchmark was cancelled.');
  };

  const peerVariant = options.variants.find((v) => v.kind === 'peer');
  let peer: PeerClassifier | string | null = null;
  if (peerVariant) {
    peer = await deps.loadPeer(peerVariant.modelUrl).catch((error: unknown) => `the peer failed to load: ${serializeError(error).message}`);
  }
  const results: BatchResult[] = [];
  try {
    for (const batch of options.batches) {
      await checkpoint();
      const result = await runBatch(
        tf,
        target,
        options,
        deps,
        batch,
        typeof peer === 'string' ? null : peer,
        (v) => skipReason(v, batch, peer),
        hooks,
        checkpoint,
      );
      results.push(result);
      hooks.onBatch(result);
    }
  } finally {
    if (peer && typeof peer !== 'string') peer.dispose();
  }
  return results;
}

async function runBatch(
  tf: TF,
  target: BenchTarget,
  options: BenchmarkOptions,
  deps: BenchDeps,
  batch: number,
  peer: PeerClassifier | null,
  skip: (variant: BenchmarkOptions['variants'][number]) => string | null,
  hooks: BenchHooks,
  checkpoint: () => Promise<void>,
): Promise<BatchResult> {
  const before = snapshot(tf);
  let input: tfTypes.Tensor4D | null = null;
  const pixels = fillBatch(deps.pixels, batch);
  const ctx: BatchContext = {
    tf,
    target,
    batch,
    pixels,
    read: deps.read,
    peer,
    input: () => (input ??= buildInput(tf, target.spec, pixels)),
  };
  const slots: Slot[] = options.variants.map((variant) => ({
    result: { variant, samples: [], stats: null, firstMs: null, skipped: skip(variant) },
    runner: null,
  }));
  let batchError: SerializedError | null = null;
  let maxGrowth = 0;

  /** Times one run of a slot; a failure retires the slot for this batch size (the others go on). */
  const timeOne = async (slot: Slot, index: number, run: number, warmup: boolean): Promise<void> => {
    if (!slot.runner) return;
    const tensorsBefore = tf.memory().numTensors;
    try {
      const started = performance.now();
      await slot.runner.run();
      const ms = performance.now() - started;
      if (warmup && run === 0) slot.result.firstMs = ms;
      if (!warmup) slot.result.samples.push(ms);
      hooks.onSample({ batch, variant: index, run, warmup, ms });
    } catch (error) {
      const failure = serializeError(error);
      slot.runner = null;
      slot.result.skipped = `failed: ${failure.message}`;
      batchError ??= failure;
    }
    maxGrowth = Math.max(maxGrowth, tf.memory().numTensors - tensorsBefore);
    await checkpoint();
  };

  try {
    for (const slot of slots) {
      if (slot.result.skipped) continue;
      try {
        slot.runner = makeRunner(slot.result.variant, ctx);
      } catch (error) {
        slot.result.skipped = `failed: ${serializeError(error).message}`;
      }
    }
    // The shared input is built here, untimed and before the per-run tensor accounting starts.
    if (slots.some((s) => s.runner && (s.result.variant.kind === 'model' || s.result.variant.kind === 'bare'))) ctx.input();
    const active = (): boolean => slots.some((s) => s.runner);
    for (let run = 0; run < options.warmup && active(); run += 1) {
      for (const [index, slot] of slots.entries()) await timeOne(slot, index, run, true);
    }
    const started = performance.now();
    const more = (round: number): boolean =>
      active() && round < MAX_ROUNDS && (options.durationMs === null ? round < options.runs : round === 0 || performance.now() - started < options.durationMs);
    for (let round = 0; more(round); round += 1) {
      // Each round starts with the next variant, so none always runs right after the same neighbour
      // (a garbage collection or cache state left by the one before would otherwise bias it).
      for (let k = 0; k < slots.length; k += 1) {
        const index = (round + k) % slots.length;
        await timeOne(slots[index] as Slot, index, round, false);
      }
    }
  } catch (error) {
    if (isCancelled(error)) throw error;
    batchError ??= serializeError(error); // building the input failed, e.g. out of memory
  } finally {
    (input as tfTypes.Tensor | null)?.dispose();
  }

  for (const { result } of slots) {
    if (result.samples.length > 0) result.stats = summarize(result.samples);
    else result.skipped ??= batchError ? `failed: ${batchError.message}` : 'no timed runs';
  }
  const after = snapshot(tf);
  const ok = slots.some((s) => s.result.stats !== null);
  return {
    batch,
    status: ok ? 'ok' : 'failed',
    error: batchError,
    variants: slots.map((s) => s.result),
    memory: { before, after, maxRunTensorGrowth: maxGrowth, leaked: maxGrowth > 0 || after.numTensors > before.numTensors },
  };
}
