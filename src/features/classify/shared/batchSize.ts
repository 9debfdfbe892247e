/**
 * How many images go through the model at once when classifying a drop, per backend. A GPU
 * backend pays a fixed cost per dispatch and per read-back, so larger batches amortise it; wasm
 * and cpu are compute-bound per image and gain little past a handful while holding more memory.
 * Where the person has benchmarked this model on this backend and device over several batch sizes,
 * the batch size with the best measured throughput is used instead.
 */
import { benchRows, type BenchRun } from '@/features/benchmark/shared/benchRun';
import { variantLabel } from '@/features/benchmark/shared/benchVariants';
import type { BackendName } from '@/engine/shared/types';

export const DEFAULT_CLASSIFY_BATCH: Record<BackendName, number> = { webgpu: 16, webgl: 8, wasm: 8, cpu: 4 };
/** A measured best above this is not used: a drop's memory grows with it, and the gain has flattened long before. */
export const MAX_CLASSIFY_BATCH = 64;

export interface BatchChoice {
  size: number;
  why: string;
}

export interface MeasuredBest {
  model: string;
  backend: BackendName;
  batch: number;
  throughput: number;
  /** Measured by the automatic choice after the first result, rather than by a benchmark the person ran. */
  fromChoice?: boolean;
}

/** Per (model, backend) of a run: the batch size with the best throughput, where at least two batch sizes ran. */
export function bestBatches(run: Pick<BenchRun, 'combos' | 'config'>): MeasuredBest[] {
  const first = run.config.variants[0];
  if (!first) return [];
  const label = variantLabel(first);
  const best: MeasuredBest[] = [];
  for (const combo of run.combos) {
    const backend = combo.summary?.backend ?? combo.backend;
    const rows = benchRows({ combos: [combo] }).filter(
      (r) => r.variant === label && r.status === 'ok' && r.throughput !== null && r.batch <= MAX_CLASSIFY_BATCH,
    );
    if (rows.length < 2) continue;
    const top = rows.reduce((a, b) => ((b.throughput ?? 0) > (a.throughput ?? 0) ? b : a));
    best.push({ model: combo.model, backend, batch: top.batch, throughput: top.throughput ?? 0 });
  }
  return best;
}

export function classifyBatch(backend: BackendName | null, measured: MeasuredBest | null): BatchChoice {
  if (measured && measured.backend === backend) {
    const where = measured.fromChoice ? 'when the automatic choice measured this device' : 'in your benchmark';
    return { size: measured.batch, why: `batch ${measured.batch}: the best throughput ${where} (${measured.throughput.toFixed(1)} images/s)` };
  }
  const size = DEFAULT_CLASSIFY_BATCH[backend ?? 'wasm'];
  return { size, why: `batch ${size}: the ${backend ?? 'default'} backend's default` };
}
