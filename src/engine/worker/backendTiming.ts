/**
 * The worker's half of the measured automatic backend: each available backend in turn loads the
 * model (from Cache Storage, warmed up), runs it once, then a few timed warm runs at batch 1, within
 * a bounded budget (app/backendChoice). The backend that was running is restored at the end, with
 * the engine's own models untouched; the page decides and remembers.
 */
import { startingWasm, tf } from './tfjs';
import { loadModel, type LoadedModel } from './models';
import { readBack } from './readBack';
import { hasWasm, probeWebGl, probeWebGpu } from './backendProbe';
import { DEFAULT_BUDGET, timeBackends, type BackendTiming, type BackendTrial, type TimingBudget } from '@/engine/shared/timeBackends';
import type { BackendName, ModelSpec } from '@/engine/shared/types';

async function switchTo(backend: BackendName): Promise<void> {
  if (tf.getBackend() === backend) return;
  const ok = await (backend === 'wasm' ? startingWasm(() => tf.setBackend(backend)) : tf.setBackend(backend));
  if (!ok) throw new Error(`TF.js could not start ${backend}`);
  await tf.ready();
}

/** Backends worth timing: what the browser offers (cpu never wins, and would eat the budget). */
async function availableBackends(): Promise<BackendName[]> {
  const offered: [BackendName, boolean][] = [
    ['webgpu', (await probeWebGpu()).available],
    ['webgl', probeWebGl().available],
    ['wasm', hasWasm().available],
  ];
  return offered.filter(([, available]) => available).map(([backend]) => backend);
}

function trialOn(spec: ModelSpec, backend: BackendName): BackendTrial {
  let loaded: LoadedModel | null = null;
  const runOnce = async (model: LoadedModel): Promise<void> => {
    const input = tf.zeros([1, spec.inputSize[0], spec.inputSize[1], 3]) as tf.Tensor4D;
    try {
      await readBack(await model.forward(input)); // read back: GPU work is asynchronous
    } finally {
      input.dispose();
    }
  };
  return {
    async start() {
      await switchTo(backend);
      loaded = await loadModel(spec, () => undefined);
      await runOnce(loaded);
    },
    async run() {
      if (loaded) await runOnce(loaded);
    },
    async finish() {
      loaded?.dispose();
      loaded = null;
    },
  };
}

export async function timeModelOnBackends(spec: ModelSpec, budget: TimingBudget = DEFAULT_BUDGET): Promise<BackendTiming[]> {
  const running = tf.getBackend() as BackendName;
  const backends = await availableBackends();
  // The running backend last: the switch back is then free, and its figures are the freshest.
  const order = [...backends.filter((b) => b !== running), ...backends.filter((b) => b === running)];
  try {
    return await timeBackends(order, (backend) => trialOn(spec, backend), performance, budget);
  } finally {
    await switchTo(running);
  }
}
