/**
 * How many threads the wasm backend asks XNNPACK for, from navigator.hardwareConcurrency (logical
 * cores). Like tfjs-backend-wasm's own default, half the logical cores (most x86 cores run two
 * hardware threads, which XNNPACK's kernels gain little from), but at least 2 on a multi-core
 * machine, so a 2-core machine still uses both (tfjs would give 1), and at most 4: every thread is
 * a Web Worker competing with the page and the decode work, and each operator waits for the
 * slowest thread. Measured on the 2-core dev VM (README, Deploy): 2 threads speed ResNet50 up
 * ~1.3x and slow MobileNetV2 at batch 1 down when the other core is busy.
 */
import { wasmThreadsOfName } from '@/engine/shared/wasmThreadsName';

export const WASM_THREAD_CAP = 4;

export function wasmThreadsFor(hardwareConcurrency: number | undefined): number {
  if (!hardwareConcurrency || !Number.isFinite(hardwareConcurrency) || hardwareConcurrency < 2) return 1;
  return Math.min(Math.max(Math.floor(hardwareConcurrency / 2), 2), WASM_THREAD_CAP);
}

/**
 * The threads this worker's wasm runs with: what its name asks for (the measured choice,
 * engine/shared/wasmThreadsName.ts), never above the cap, else the device's default. Read from
 * globalThis: unit tests import this in Node, where there is no worker name.
 */
export function wasmThreadsHere(scope: { name?: string; navigator?: { hardwareConcurrency?: number } } = globalThis): number {
  const asked = wasmThreadsOfName(scope.name);
  return asked === null ? wasmThreadsFor(scope.navigator?.hardwareConcurrency) : Math.min(asked, WASM_THREAD_CAP);
}
