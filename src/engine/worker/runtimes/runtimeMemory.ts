/**
 * What ONNX Runtime and LiteRT hold outside tf.memory(): their sessions (each keeps its model's
 * weights in the runtime's own wasm or GPU heap, about its file's size) and the tensors they have
 * allocated and not yet freed. Both runtimes' tensors are freed by hand (runtime.ts), so a count
 * that is not back to 0 after a request is a leak, which the memory hook makes visible to tests.
 */
import type { RuntimeMemory, RuntimeName } from '@/engine/shared/types';

const held = new Map<RuntimeName, RuntimeMemory>();

function entry(runtime: RuntimeName): RuntimeMemory {
  let memory = held.get(runtime);
  if (!memory) {
    memory = { runtime, sessions: 0, modelBytes: 0, tensors: 0 };
    held.set(runtime, memory);
  }
  return memory;
}

/** A session opened with a model file of `bytes`; the returned function closes it in the count (once). */
export function sessionOpened(runtime: RuntimeName, bytes: number): () => void {
  const memory = entry(runtime);
  memory.sessions += 1;
  memory.modelBytes += bytes;
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    memory.sessions -= 1;
    memory.modelBytes -= bytes;
  };
}

/** `count` tensors allocated by the runtime (negative: freed). */
export function tensorsHeld(runtime: RuntimeName, count: number): void {
  entry(runtime).tensors += count;
}

/** Each runtime that has opened a session in this worker, as it stands now. */
export function runtimeMemory(): RuntimeMemory[] {
  return [...held.values()].map((memory) => ({ ...memory }));
}
