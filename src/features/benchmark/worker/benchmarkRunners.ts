/**
 * One runner per benchmark variant and batch size. Everything a run needs is built in prepare
 * (input tensor, forward closure, pixel list), so a timed run does only the work it names: the
 * model call and the read-back, plus preprocessing and top-k for the pipeline variants.
 */
import { LumenError } from '@/shared/errors';
import type * as tfTypes from '@tensorflow/tfjs';
import { makeForward, type AnyModel } from '@/engine/worker/models';
import { inferBatch } from '@/engine/worker/predict';
import { preprocessBatch, type PixelSource } from '@/engine/worker/preprocess';
import { preprocessBatchJs, type RgbaReader } from '@/engine/worker/preprocessJs';
import { readBack } from '@/engine/worker/readBack';
import type { PeerClassifier } from './peer';
import { rowsOf, topK, type ClassLayout } from '@/shared/models/topk';
import { assertNever } from '@/shared/assertNever';
import { layoutOf, runtimeBatches } from '@/engine/worker/runtimes/runtimeModel';
import type { RuntimeBatch, RuntimeSession } from '@/engine/worker/runtimes/runtime';
import type { BenchVariant } from '@/features/benchmark/shared/messages';
import type { ModelSpec } from '@/engine/shared/types';

type TF = typeof tfTypes;

/** The parts of a loaded model the benchmark uses (LoadedModel satisfies it). */
export interface BenchTarget {
  spec: ModelSpec;
  labels: readonly string[];
  /** The app's own forward pass, exactly what classify calls. */
  forward(batch: tfTypes.Tensor4D): Promise<tfTypes.Tensor2D>;
  /** The TF.js model, for the pinned call styles; null on ONNX Runtime and LiteRT, which have one call. */
  model: AnyModel | null;
  /** ONNX Runtime or LiteRT: the session the bare variant calls directly. */
  session?: RuntimeSession;
}

export interface Runner {
  /** One run; it ends once the output is back on the CPU. */
  run(): Promise<void>;
}

/** What a batch's runners share; built once per batch size, disposed by the caller. */
export interface BatchContext {
  tf: TF;
  target: BenchTarget;
  batch: number;
  /** The input pixels repeated to fill the batch. */
  pixels: PixelSource[];
  read: RgbaReader;
  peer: PeerClassifier | null;
  /** The pre-built input tensor, made on first use. */
  input(): tfTypes.Tensor4D;
}

/** Top-k the classify view shows by default; the peer is asked for as many. */
export const BENCH_TOP_K = 5;

export function fillBatch<T>(items: readonly T[], batch: number): T[] {
  if (items.length === 0) throw new Error('the benchmark needs at least one input image');
  return Array.from({ length: batch }, (_, i) => items[i % items.length] as T);
}

/** The input tensor for a batch: the same preprocessing classify applies, done once. */
export function buildInput(tf: TF, spec: ModelSpec, pixels: readonly PixelSource[]): tfTypes.Tensor4D {
  return preprocessBatch(tf, pixels, spec.inputSize, spec.preprocessing, spec.centerCrop);
}

const topKAll = (flat: Float32Array, target: BenchTarget, layout: ClassLayout): void => {
  for (const row of rowsOf(flat, target.spec.classes)) topK(row, BENCH_TOP_K, target.labels, layout);
};

/** A reason the variant cannot run at this batch size, or null when it can. */
export function skipReason(variant: BenchVariant, batch: number, peer: PeerClassifier | string | null): string | null {
  if (variant.kind !== 'peer') return null;
  if (batch !== 1) return 'the peer classifies one image per call: batch 1 only';
  return typeof peer === 'string' ? peer : null;
}

/**
 * What a person would write with ONNX Runtime or LiteRT alone: an input already in the model's
 * layout and dtype (built once, outside the timing, as the TF.js bare input is), run, read back.
 */
function bareSessionRunner(target: BenchTarget, ctx: BatchContext): Runner {
  const { session } = target;
  if (!session) throw new LumenError('bad-request', `${target.spec.name}: no TF.js model and no runtime session to call`);
  let batches: RuntimeBatch[] | null = null;
  return {
    async run() {
      if (!batches) {
        const input = ctx.input();
        const laidOut = layoutOf(target.spec, session).layout === 'nchw' ? ctx.tf.transpose(input, [0, 3, 1, 2]) : input;
        try {
          batches = runtimeBatches(session, layoutOf(target.spec, session), target.spec.inputSize)((await laidOut.data()) as Float32Array, ctx.batch);
        } finally {
          if (laidOut !== input) laidOut.dispose();
        }
      }
      for (const batch of batches) await session.run(batch);
    },
  };
}

export function makeRunner(variant: BenchVariant, ctx: BatchContext): Runner {
  const { tf, target } = ctx;
  const layout: ClassLayout = { classes: target.spec.classes, kerasIndex: target.spec.kerasIndex };
  switch (variant.kind) {
    case 'model': {
      if (variant.method !== 'auto' && !target.model) {
        throw new LumenError('bad-request', `${target.spec.name} does not run on TF.js: it has one forward pass, not TF.js's ${variant.method}()`);
      }
      const forward = variant.method === 'auto' || !target.model ? target.forward : makeForward(target.model, target.spec, variant.method);
      return {
        async run() {
          await readBack(await forward(ctx.input()));
        },
      };
    }
    case 'bare': {
      // What a person would write with TF.js alone: call the model, read the answer back.
      const { model: raw } = target;
      if (!raw) return bareSessionRunner(target, ctx);
      let needsAsync = false;
      const call = async (x: tfTypes.Tensor4D): Promise<tfTypes.Tensor | tfTypes.Tensor[] | tfTypes.NamedTensorMap> => {
        if (!(raw instanceof tf.GraphModel)) return raw.predict(x);
        if (!needsAsync) {
          try {
            return raw.execute(x);
          } catch (error) {
            if (!(error instanceof Error) || !/executeAsync/.test(error.message)) throw error;
            needsAsync = true;
          }
        }
        return raw.executeAsync(x);
      };
      return {
        async run() {
          const out = await call(ctx.input());
          const [first, ...rest] = out instanceof tf.Tensor ? [out] : Array.isArray(out) ? out : Object.values(out);
          tf.dispose(rest); // only the first output is read back, as a person would
          if (first) await readBack(first);
        },
      };
    }
    case 'pipeline': {
      const classifier = { spec: target.spec, labels: target.labels, forward: target.forward };
      if (variant.preprocess === 'backend') {
        return {
          async run() {
            const { rows } = await inferBatch(tf, classifier, ctx.pixels);
            for (const row of rows) topK(row, BENCH_TOP_K, target.labels, layout);
          },
        };
      }
      const scratch = { buffer: null as Float32Array | null };
      return {
        async run() {
          const batch = preprocessBatchJs(tf, ctx.pixels, target.spec.inputSize, target.spec.preprocessing, ctx.read, scratch);
          try {
            topKAll((await readBack(await target.forward(batch))).values, target, layout);
          } finally {
            batch.dispose();
          }
        },
      };
    }
    case 'peer': {
      const { peer } = ctx;
      const image = ctx.pixels[0];
      if (!peer || !image) throw new Error('the peer is not loaded');
      return {
        async run() {
          await peer.classify(image, BENCH_TOP_K);
        },
      };
    }
    default:
      return assertNever(variant, 'benchmark variant');
  }
}
