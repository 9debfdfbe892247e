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

/** After the measured automatic choice: its best batch for the model that runs, unless a benchmark already said. */
export function rememberChoiceBatch(best: MeasuredBest): void {
  const engine = useStore.getState().engine;
  const store = storage();
  if (!engine || !store) return;
  const key = `${PREFIX}${best.model}|${best.backend}|${device(engine)}`;
  try {
    const before = measuredFor(best.model, best.backend);
    if (before && !before.fromChoice) return; // the person's own benchmark ran more sizes, for longer
    store.setItem(key, JSON.stringify({ ...best, fromChoice: true }));
  } catch {
    // storage full or refused: the defaults still work
  }
}

function measuredFor(modelId: string, backend = useStore.getState().engine?.backend): MeasuredBest | null {
  const engine = useStore.getState().engine;
  const store = storage();
  if (!engine || !store) return null;
  try {
    const raw: unknown = JSON.parse(store.getItem(`${PREFIX}${modelId}|${backend}|${device(engine)}`) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { model, backend: stored, batch, throughput, fromChoice } = raw as Record<string, unknown>;
    if (typeof model !== 'string' || !isBackendName(stored) || typeof batch !== 'number' || typeof throughput !== 'number' || batch < 1) return null;
    return { model, backend: stored, batch: Math.floor(batch), throughput, ...(fromChoice === true ? { fromChoice: true } : {}) };
  } catch {
    return null;
  }
}

export function classifyBatchFor(modelId: string): BatchChoice {
  return classifyBatch(useStore.getState().engine?.backend ?? null, measuredFor(modelId));
}
