/**
 * How many threads the wasm backend asks XNNPACK for. Every thread is a Web Worker that
 * instantiates the module and competes with the page and the decode work, and inference at
 * batch 1 stops scaling past a few threads, so the logical core count is capped.
 */
export const WASM_THREAD_CAP = 4;

export function wasmThreadsFor(hardwareConcurrency: number | undefined): number {
  if (!hardwareConcurrency || !Number.isFinite(hardwareConcurrency) || hardwareConcurrency < 1) return 1;
  return Math.min(Math.floor(hardwareConcurrency), WASM_THREAD_CAP);
}
