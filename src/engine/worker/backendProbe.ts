/// <reference types="@webgpu/types" />
/**
 * Looks at what the browser offers before TF.js touches it, so the engine can say *why* a backend
 * was used or skipped. Emulated GPUs (SwiftShader) are detected here: on them WebGL/WebGPU run on
 * the CPU and are several times slower than wasm, so automatic selection prefers wasm.
 */
import type { AdapterInfo, BackendName } from '@/engine/shared/types';

export interface Probe {
  available: boolean;
  /** True when the "GPU" is a software rasterizer. */
  emulated: boolean;
  reason: string;
}

const LIMIT_KEYS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxTextureDimension2D',
] as const;

export interface WebGpuProbe extends Probe {
  adapter: AdapterInfo | null;
}

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { available: false, emulated: false, adapter: null, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { available: false, emulated: false, adapter: null, reason: `requestAdapter() failed: ${String(error)}` };
  }
  if (!adapter) {
    return { available: false, emulated: false, adapter: null, reason: 'WebGPU is present but no adapter was given (GPU blocklisted or disabled)' };
  }
  // `adapter.info` is current Chrome (older: requestAdapterInfo()); `isFallbackAdapter` moved
  // from the adapter onto its info. The bundled @webgpu/types predate both.
  type Info = Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  const modern = adapter as GPUAdapter & { info?: Info; isFallbackAdapter?: boolean };
  const info: Info | undefined = modern.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined));
  const legacyFallback = modern.isFallbackAdapter;
  const isFallbackAdapter = Boolean(info?.isFallbackAdapter ?? legacyFallback);
  const limits: Record<string, number> = {};
  for (const key of LIMIT_KEYS) limits[key] = Number(adapter.limits[key]);
  const described: AdapterInfo = {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    description: info?.description ?? '',
    isFallbackAdapter,
    limits,
  };
  const emulated = isFallbackAdapter || /swiftshader/i.test(`${described.architecture} ${described.description}`);
  const name = [described.vendor, described.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return {
    available: true,
    emulated,
    adapter: described,
    reason: emulated ? `the WebGPU adapter (${name}) is a software fallback, not a GPU` : `WebGPU adapter ${name}`,
  };
}

export interface WebGlProbe extends Probe {
  renderer: string | null;
}

export function probeWebGl(): WebGlProbe {
  if (typeof OffscreenCanvas === 'undefined') {
    return { available: false, emulated: false, renderer: null, reason: 'OffscreenCanvas is missing, so WebGL cannot run in a worker' };
  }
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { available: false, emulated: false, renderer: null, reason: 'WebGL2 is unavailable (no context)' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const emulated = /swiftshader|llvmpipe|software/i.test(renderer);
  return {
    available: true,
    emulated,
    renderer,
    reason: emulated ? `the WebGL renderer (${renderer}) is software, not a GPU` : `WebGL renderer ${renderer}`,
  };
}

export function hasWasm(): Probe {
  const ok = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  return { available: ok, emulated: false, reason: ok ? 'WebAssembly with SIMD on the CPU' : 'WebAssembly is unavailable' };
}

export const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript CPU',
};
