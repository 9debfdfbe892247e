/**
 * Backend selection: WebGPU → WebGL → wasm → cpu, every step explained. A forced backend is tried
 * alone and fails loudly; automatic selection skips emulated GPUs in favour of wasm, and keeps
 * them only as a last resort before the plain-JS cpu backend. A measured choice (the page timed
 * the backends on this device) is still automatic: it goes first, and the order takes over where
 * it cannot start.
 */
import { startingWasm, tf, wasmThreadsInUse } from './tfjs';
import { BACKEND_LABEL, hasWasm, probeWebGl, probeWebGpu, type Probe } from './backendProbe';
import { LumenError } from '@/shared/errors';
import type { AdapterInfo, BackendAttempt, BackendName, EngineInfo } from '@/engine/shared/types';

/** No backend of those asked for could start; `attempts` gives each one's reason (recovery.ts reports them). */
export class BackendUnavailableError extends LumenError {
  readonly attempts: BackendAttempt[];
  constructor(message: string, attempts: BackendAttempt[]) {
    super('backend-unavailable', message);
    this.attempts = attempts;
  }
}

interface Candidate {
  backend: BackendName;
  probe: Probe;
}

async function probeAll(): Promise<{ candidates: Candidate[]; adapter: AdapterInfo | null; webglRenderer: string | null }> {
  const webgpu = await probeWebGpu();
  const webgl = probeWebGl();
  const candidates: Candidate[] = [
    { backend: 'webgpu', probe: webgpu },
    { backend: 'webgl', probe: webgl },
    { backend: 'wasm', probe: hasWasm() },
    { backend: 'cpu', probe: { available: true, emulated: false, reason: 'always available, slowest' } },
  ];
  return { candidates, adapter: webgpu.adapter, webglRenderer: webgl.renderer };
}

/** Real GPUs first, then wasm, then emulated GPUs, then cpu. */
export function automaticOrder(candidates: readonly Candidate[]): Candidate[] {
  const rank = (c: Candidate): number => {
    if (c.backend === 'cpu') return 3;
    if (c.probe.emulated) return 2;
    return c.backend === 'wasm' ? 1 : 0;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b));
}

async function activate(backend: BackendName): Promise<string | null> {
  try {
    const ok = await (backend === 'wasm' ? startingWasm(() => tf.setBackend(backend)) : tf.setBackend(backend));
    if (!ok) return `TF.js could not initialise the ${backend} backend`;
    await tf.ready();
    return null;
  } catch (error) {
    return `TF.js failed to start ${backend}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The automatic choice the page measured: which backend, and the words that say why. */
export interface MeasuredChoice {
  backend: BackendName;
  reason: string;
}

/** The automatic order with the measured backend moved to the front. */
function measuredFirst(candidates: readonly Candidate[], measured: MeasuredChoice): Candidate[] {
  const order = automaticOrder(candidates);
  return [...order.filter((c) => c.backend === measured.backend), ...order.filter((c) => c.backend !== measured.backend)];
}

export async function selectBackend(forced: BackendName | null, measured: MeasuredChoice | null = null): Promise<EngineInfo> {
  const { candidates, adapter, webglRenderer } = await probeAll();
  const attempts: BackendAttempt[] = [];
  const order = forced ? candidates.filter((c) => c.backend === forced) : measured ? measuredFirst(candidates, measured) : automaticOrder(candidates);
  const emulatedSkipped = candidates.filter((c) => c.probe.available && c.probe.emulated && c.backend !== forced);

  for (const { backend, probe } of order) {
    if (!probe.available) {
      attempts.push({ backend, ok: false, reason: probe.reason });
      continue;
    }
    const failure = await activate(backend);
    if (failure) {
      attempts.push({ backend, ok: false, reason: failure });
      continue;
    }
    const because = forced
      ? `forced by the user${probe.emulated ? ` (note: ${probe.reason})` : ''}`
      : backend === measured?.backend
        ? measured.reason
        : explainAutomatic(backend, probe, emulatedSkipped, attempts);
    attempts.push({ backend, ok: true, reason: probe.reason });
    // List the candidates never tried too, so "what ran" shows every option and its state.
    for (const rest of order.slice(order.findIndex((c) => c.backend === backend) + 1)) {
      attempts.push({ backend: rest.backend, ok: false, reason: `not tried: ${rest.probe.reason}` });
    }
    return {
      backend,
      forced: forced !== null,
      reason: because,
      attempts,
      adapter,
      webglRenderer,
      tfjsVersion: tf.version.tfjs,
      flags: { ...tf.env().getFlags() },
      wasmThreads: wasmThreadsInUse(),
    };
  }
  const tried = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
  throw new BackendUnavailableError(forced ? `The ${forced} backend is not available here (${tried}).` : `No TF.js backend could start (${tried}).`, attempts);
}

function explainAutomatic(backend: BackendName, probe: Probe, emulated: Candidate[], failed: BackendAttempt[]): string {
  const parts = [`${BACKEND_LABEL[backend]}: ${probe.reason}`];
  if (backend === 'wasm' && emulated.length > 0) {
    parts.push(`preferred over ${emulated.map((c) => c.backend).join(' and ')} because ${emulated.map((c) => c.probe.reason).join('; ')}`);
  }
  const skipped = failed.filter((a) => !a.ok);
  if (skipped.length > 0) parts.push(`skipped ${skipped.map((a) => `${a.backend} (${a.reason})`).join(', ')}`);
  return parts.join('; ');
}
