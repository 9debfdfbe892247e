/**
 * Wasm threads for ONNX Runtime and LiteRT: several only where the page is cross-origin isolated
 * (SharedArrayBuffer), as many as TF.js's wasm backend gets (wasmThreads.ts).
 */
import { wasmThreadsFor } from '@/engine/worker/wasmThreads';

export function runtimeThreads(): number {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return scope.crossOriginIsolated ? wasmThreadsFor(scope.navigator?.hardwareConcurrency) : 1;
}
