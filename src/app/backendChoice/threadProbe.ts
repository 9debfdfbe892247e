/**
 * One wasm thread against several, for every runtime (issue 17: on 2 busy cores, two threads ran
 * MobileNetV2 at batch 1 nearly 4× slower than one). TF.js's wasm backend and ONNX Runtime Web size
 * their thread pools once per worker, so the engine cannot time the other count itself: a second,
 * short-lived engine worker started with it times the same model and family on wasm alone, and its
 * figures join the engine's own in the decision. LiteRT needs no probe: it compiles each model both
 * ways at load and keeps the faster (engine/worker/runtimes/litert.ts).
 */
import type { LumenEngine } from '@/engine/shared/lumenEngine';
import type { BackendTiming } from '@/engine/shared/timeBackends';
import { runtimeOfFormat, type ModelSpec } from '@/engine/shared/types';

export type OpenProbe = (wasmThreads: number | null) => { engine: LumenEngine; close: () => void };

export interface ThreadsHere {
  /** Cross-origin isolated: wasm may run threaded at all. */
  isolated: boolean;
  /** navigator.hardwareConcurrency: one core gives nothing to compare. */
  cores: number;
  /** What the engine's worker was asked to run with; null: the device's default (several, when isolated). */
  asked: number | null;
}

/** The count the probe runs at, null for the default; undefined: nothing to compare here. */
export function probeThreadsFor({ isolated, cores, asked }: ThreadsHere): number | null | undefined {
  if (!isolated || !(cores >= 2)) return undefined;
  return asked === 1 ? null : 1;
}

export interface ProbeResult {
  /** The probe's figures, each with the threads it ran (empty when there was nothing to compare). */
  timings: BackendTiming[];
  /** The count it ran at (null: the default), to restart the engine with when one of its figures wins. */
  threads: number | null;
}

/** Times `spec` and its ONNX Runtime members on wasm in a probe worker at the other thread count. */
export async function timeOtherThreads(spec: ModelSpec, members: readonly ModelSpec[], here: ThreadsHere, open: OpenProbe): Promise<ProbeResult> {
  const threads = probeThreadsFor(here);
  if (threads === undefined) return { timings: [], threads: here.asked };
  const probed = members.filter((m) => runtimeOfFormat(m.format) === 'ort');
  const probe = open(threads);
  try {
    await probe.engine.init({ backend: 'wasm' });
    const timings = await probe.engine.timeBackends({ model: spec, backends: ['wasm'], ...(probed.length > 0 ? { members: probed } : {}) });
    return { timings, threads };
  } finally {
    probe.close();
  }
}
