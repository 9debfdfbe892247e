/**
 * Wasm threads for ONNX Runtime and LiteRT: several only where the page is cross-origin isolated
 * (SharedArrayBuffer), as many as TF.js's wasm backend gets (wasmThreads.ts), which the worker's
 * name may set (the measured choice found another count faster).
 */
import { wasmThreadsHere } from '@/engine/worker/wasmThreads';

export function runtimeThreads(): number {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return scope.crossOriginIsolated ? wasmThreadsHere() : 1;
}
