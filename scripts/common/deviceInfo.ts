/**
 * What a harness page runs on, asked of the page itself (it may be a remote browser, --connect):
 * the browser, its cores, its WebGPU adapter if it gives one, and which backends and runtimes can
 * run there. The backends are probed as the engine worker probes them (engine/worker/backendProbe:
 * an adapter for webgpu, a WebGL2 context for webgl, WebAssembly for wasm); each runtime's are
 * those the engine asks it for (timeBackends.backendsFor), so the list is what a run there could pick.
 */
import type { Page } from '@playwright/test';
import { BACKENDS, RUNTIMES, type BackendName, type RuntimeName } from '../../src/engine/shared/types';
import { backendsFor } from '../../src/engine/shared/timeBackends';

export interface DeviceAdapter {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface DeviceInfo {
  userAgent: string;
  /** navigator.hardwareConcurrency; null when the browser hides it. */
  cores: number | null;
  /** The WebGPU adapter the page is given (high-performance asked), or null with none. */
  adapter: DeviceAdapter | null;
  /** The WebGL2 renderer (unmasked when the browser allows), or null with no WebGL2. */
  webglRenderer: string | null;
  crossOriginIsolated: boolean;
  /** False for a page loaded from a host that is not localhost over http (--serve-host): no WebGPU there, no Cache Storage. */
  secureContext: boolean;
  /** Backends that can start here, in the engine's order. */
  backends: BackendName[];
  /** Per runtime, the backends it can run on here. */
  runtimes: Record<RuntimeName, BackendName[]>;
}

/** What the page answers; the backends and runtimes are derived from it here. */
type PageProbe = Omit<DeviceInfo, 'backends' | 'runtimes'> & { wasm: boolean };

/** Runs in the page: a self-contained function (Playwright sends its source). */
async function probeInPage(): Promise<PageProbe> {
  type AdapterLike = { info?: Partial<DeviceAdapter>; isFallbackAdapter?: boolean };
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(o: object): Promise<AdapterLike | null> } }).gpu;
  let adapter: DeviceAdapter | null = null;
  try {
    const found = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
    if (found)
      adapter = {
        vendor: found.info?.vendor ?? '',
        architecture: found.info?.architecture ?? '',
        description: found.info?.description ?? '',
        isFallbackAdapter: Boolean(found.info?.isFallbackAdapter ?? found.isFallbackAdapter),
      };
  } catch {
    adapter = null; // requestAdapter can throw where WebGPU is disabled: no adapter, then
  }
  let webglRenderer: string | null = null;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl) {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    webglRenderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return {
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency || null,
    adapter,
    webglRenderer,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    secureContext: globalThis.isSecureContext,
    wasm: typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function',
  };
}

/** The device info from a page probe: which backends start, and each runtime's share of them. */
export function deviceFromProbe(probe: PageProbe): DeviceInfo {
  const starts: Record<BackendName, boolean> = { webgpu: probe.adapter !== null, webgl: probe.webglRenderer !== null, wasm: probe.wasm, cpu: true };
  const backends = BACKENDS.filter((b) => starts[b]);
  const runtimes = Object.fromEntries(RUNTIMES.map((r) => [r, backendsFor(r, backends)])) as Record<RuntimeName, BackendName[]>;
  return { ...probe, backends, runtimes };
}

export async function probeDevice(page: Page): Promise<DeviceInfo> {
  return deviceFromProbe(await page.evaluate(probeInPage));
}
