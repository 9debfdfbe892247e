/**
 * The worker's half of the measured automatic choice: each candidate in turn (each available
 * backend for the model; for a model with a family, each other member on its runtime's backends)
 * loads its model (from Cache Storage), runs it once, then a few timed warm runs at batch 1 and,
 * budget allowing, one batch, within a bounded budget (app/backendChoice). The backend that was
 * running is restored at the end, with the engine's own models untouched; the page decides and
 * remembers. Timing a member downloads its runtime (ONNX Runtime, LiteRT) on first use.
 */
import { startingWasm, tf } from './tfjs';
import type { LoadedModel } from './models';
import { loadAnyModel } from './loadAnyModel';
import { readBack } from './readBack';
import { hasWasm, probeWebGl, probeWebGpu } from './backendProbe';
import {
  candidatesFor,
  DEFAULT_BUDGET,
  FAMILY_BUDGET,
  timeBackends,
  type BackendTiming,
  type BackendTrial,
  type TimingBudget,
} from '@/engine/shared/timeBackends';
import type { BackendName, ModelSpec } from '@/engine/shared/types';

/** The batch timed after the warm runs (or the largest half of it the budget allows): the benchmark's usual "many images" size. */
export const TIMED_BATCH = 8;

async function switchTo(backend: BackendName): Promise<void> {
  if (tf.getBackend() === backend) return;
  const ok = await (backend === 'wasm' ? startingWasm(() => tf.setBackend(backend)) : tf.setBackend(backend));
  if (!ok) throw new Error(`TF.js could not start ${backend}`);
  await tf.ready();
}

/**
 * Backends worth timing: what the browser offers (cpu never wins, and would eat the budget). A
 * software-emulated GPU (SwiftShader, llvmpipe) is listed with why it is not timed: it runs the
 * GPU's work on the CPU, never beats wasm, and its first run alone can take a minute.
 */
async function availableBackends(): Promise<{ timed: BackendName[]; emulated: { backend: BackendName }[] }> {
  const gpu = await probeWebGpu();
  const gl = probeWebGl();
  const offered: [BackendName, { available: boolean; emulated: boolean; reason: string }][] = [
    ['webgpu', gpu],
    ['webgl', gl],
    ['wasm', hasWasm()],
  ];
  const present = offered.filter(([, probe]) => probe.available);
  return {
    timed: present.filter(([, probe]) => !probe.emulated).map(([backend]) => backend),
    emulated: present.filter(([, probe]) => probe.emulated).map(([backend]) => ({ backend })),
  };
}

function trialOn(spec: ModelSpec, backend: BackendName): BackendTrial {
  let loaded: LoadedModel | null = null;
  let loadMs = 0;
  // One input per batch size, made before its first (untimed) run and kept: making 8 random images
  // takes longer than some models' whole batch, and would be timed as the model's (the benchmark,
  // too, builds its input once per batch size).
  const inputs = new Map<number, tf.Tensor4D>();
  const inputOf = (size: number): tf.Tensor4D => {
    let input = inputs.get(size);
    if (!input) {
      // Not zeros: a runtime may take a shortcut on them that real pixels never allow.
      input = tf.randomUniform([size, spec.inputSize[0], spec.inputSize[1], 3], 0, 1, 'float32', 7) as tf.Tensor4D;
      inputs.set(size, input);
    }
    return input;
  };
  const runOnce = async (model: LoadedModel, size = 1): Promise<void> => {
    await readBack(await model.forward(inputOf(size))); // read back: GPU work is asynchronous
  };
  return {
    async start() {
      const t0 = performance.now();
      await switchTo(backend);
      loaded = await loadAnyModel(
        spec,
        () => undefined,
        () => undefined,
      );
      loadMs = performance.now() - t0;
      await runOnce(loaded);
    },
    loadMs: () => loadMs,
    async run() {
      if (loaded) await runOnce(loaded);
    },
    batch: {
      size: TIMED_BATCH,
      async run(size) {
        if (loaded) await runOnce(loaded, size);
      },
    },
    threads: () => loaded?.info.threads,
    async finish() {
      for (const input of inputs.values()) input.dispose();
      inputs.clear();
      loaded?.dispose();
      loaded = null;
    },
  };
}

export async function timeModelOnBackends(
  spec: ModelSpec,
  members: readonly ModelSpec[] = [],
  budget?: TimingBudget,
  only?: readonly BackendName[],
): Promise<BackendTiming[]> {
  const running = tf.getBackend() as BackendName;
  const offered = await availableBackends();
  const timed = only ? offered.timed.filter((b) => only.includes(b)) : offered.timed;
  const emulated = only ? [] : offered.emulated;
  const candidates = candidatesFor(spec, members, timed, running);
  // Said, not run: an emulated GPU backend for the model and each member that could use it.
  const untimed: BackendTiming[] = candidatesFor(
    spec,
    members,
    emulated.map((e) => e.backend),
    running,
  ).map(({ spec: _spec, ...candidate }) => ({
    ...candidate,
    firstMs: null,
    warmMs: null,
    runs: 0,
    // Short: What ran lists each backend's full probe reason already.
    skipped: 'not timed: a software GPU',
  }));
  try {
    const timings = await timeBackends(
      candidates,
      (c) => trialOn(c.spec, c.backend),
      performance,
      budget ?? (members.length > 0 ? FAMILY_BUDGET : DEFAULT_BUDGET),
    );
    // The specs stay in the worker: only the figures cross.
    return [...timings.map(({ spec: _spec, ...timing }) => timing), ...untimed];
  } finally {
    await switchTo(running);
  }
}
