/**
 * The classify batch size per (model, backend, device): remembered from the person's benchmarks
 * in localStorage, read when a drop is classified (features/classify/shared/batchSize.ts explains the choice).
 */
import { useStore } from '@/app/store/index';
import { bestBatches, classifyBatch, type BatchChoice, type MeasuredBest } from '@/features/classify/shared/batchSize';
import { deviceOf, localStore } from '@/browser/storage/device';
import { isBackendName } from '@/engine/shared/types';
import type { BenchRun } from '@/features/benchmark/shared/benchRun';

const PREFIX = 'lumen.classifyBatch:';

const storage = localStore;
const device = deviceOf;

/** After a benchmark: remember its best batch size per model and backend that ran over several sizes. */
export function rememberBestBatches(run: BenchRun): void {
  const store = storage();
  if (!store) return;
  for (const best of bestBatches(run)) {
    const env = run.environment.backends.find((b) => b.used === best.backend) ?? { adapter: null, webglRenderer: null };
    try {
      store.setItem(`${PREFIX}${best.model}|${best.backend}|${device(env)}`, JSON.stringify(best));
    } catch {
      return; // storage full or refused: the defaults still work
    }
  }
}

function measuredFor(modelId: string): MeasuredBest | null {
  const engine = useStore.getState().engine;
  const store = storage();
  if (!engine || !store) return null;
  try {
    const raw: unknown = JSON.parse(store.getItem(`${PREFIX}${modelId}|${engine.backend}|${device(engine)}`) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { model, backend, batch, throughput } = raw as Record<string, unknown>;
    if (typeof model !== 'string' || !isBackendName(backend) || typeof batch !== 'number' || typeof throughput !== 'number' || batch < 1) return null;
    return { model, backend, batch: Math.floor(batch), throughput };
  } catch {
    return null;
  }
}

export function classifyBatchFor(modelId: string): BatchChoice {
  return classifyBatch(useStore.getState().engine?.backend ?? null, measuredFor(modelId));
}
