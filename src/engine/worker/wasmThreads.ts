/**
 * How many threads the wasm backend asks XNNPACK for, from navigator.hardwareConcurrency (logical
 * cores). Like tfjs-backend-wasm's own default, half the logical cores (most x86 cores run two
 * hardware threads, which XNNPACK's kernels gain little from), but at least 2 on a multi-core
 * machine, so a 2-core machine still uses both (tfjs would give 1), and at most 4: every thread is
 * a Web Worker competing with the page and the decode work, and each operator waits for the
 * slowest thread. Measured on the 2-core dev VM (README, Deploy): 2 threads speed ResNet50 up
 * ~1.3x and slow MobileNetV2 at batch 1 down when the other core is busy.
 */
export const WASM_THREAD_CAP = 4;

export function wasmThreadsFor(hardwareConcurrency: number | undefined): number {
  if (!hardwareConcurrency || !Number.isFinite(hardwareConcurrency) || hardwareConcurrency < 2) return 1;
  return Math.min(Math.max(Math.floor(hardwareConcurrency / 2), 2), WASM_THREAD_CAP);
}
