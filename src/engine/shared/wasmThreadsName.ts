/**
 * The wasm thread count an engine worker runs with travels in its name. TF.js's wasm backend and
 * ONNX Runtime Web each size their thread pool once, when their module starts, and neither can
 * change it after; so a worker's count is fixed from its first line, and the page changes it (the
 * measured choice found one thread faster than several) by starting a worker under another name.
 * The name is read before anything else in the worker runs, and survives a crash restart.
 */
const MARK = '~wasm-threads=';

/** `name` carrying `threads`; null leaves the name as it is (the device's default count). */
export function withWasmThreads(name: string, threads: number | null): string {
  return threads === null ? name : `${name}${MARK}${threads}`;
}

/** The thread count a worker name asks for, or null where it asks for none (or for nonsense). */
export function wasmThreadsOfName(name: string | undefined): number | null {
  const at = name?.lastIndexOf(MARK) ?? -1;
  if (!name || at < 0) return null;
  const value = Number(name.slice(at + MARK.length));
  return Number.isInteger(value) && value >= 1 ? value : null;
}
