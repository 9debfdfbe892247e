/**
 * Losing the GPU, and noticing it. TF.js 4.22 handles neither: its WebGL backend keeps a dead
 * context (fences never signal, so a read-back waits forever, or reads zeros), and its WebGPU
 * backend never looks at `device.lost`. So the engine watches the active backend's context or
 * device itself, races every GPU job against the loss, and rebuilds the backend (see recovery.ts).
 */
import { tf } from './tfjs';
import { LumenError } from '@/shared/errors';
import type { BackendName } from '@/engine/shared/types';

/** The parts of TF.js's WebGL and WebGPU backends this module reaches into (not public API). */
interface WebGlBackendLike {
  gpgpu?: { gl?: WebGL2RenderingContext; itemsToPoll?: { resolveFn: () => void }[] };
}
interface WebGpuBackendLike {
  device?: GPUDevice;
}

export interface GpuWatch {
  backend: BackendName;
  /** Rejects (with code gpu-lost) once the GPU behind this backend is lost; never resolves. */
  lost: Promise<never>;
  isLost(): boolean;
  /** Lets go of read-backs stuck on the dead context, so they stop polling forever. */
  release(): void;
}

function webglOf(backend: BackendName): WebGlBackendLike['gpgpu'] | null {
  if (backend !== 'webgl') return null;
  return (tf.backend() as unknown as WebGlBackendLike).gpgpu ?? null;
}

function deviceOf(backend: BackendName): GPUDevice | null {
  if (backend !== 'webgpu') return null;
  return (tf.backend() as unknown as WebGpuBackendLike).device ?? null;
}

/** Starts watching the active backend's GPU. wasm and cpu have none: their watch never fires. */
export function watchGpu(): GpuWatch {
  const backend = tf.getBackend() as BackendName;
  let lostReason: string | null = null;
  let fire: (error: LumenError) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => (fire = reject));
  lost.catch(() => undefined); // nobody may be racing it when it fires
  const markLost = (reason: string): void => {
    if (lostReason !== null) return;
    lostReason = reason;
    fire(new LumenError('gpu-lost', `The GPU behind ${backend} was lost (${reason}).`));
  };

  const gpgpu = webglOf(backend);
  const gl = gpgpu?.gl ?? null;
  // The worker lib's WebGL types omit `canvas`; in a worker it is TF.js's OffscreenCanvas.
  (gl as unknown as { canvas?: OffscreenCanvas } | null)?.canvas?.addEventListener('webglcontextlost', () => markLost('WebGL context lost'));
  deviceOf(backend)?.lost.then((info) => markLost(`WebGPU device lost: ${info.message || info.reason || 'no reason given'}`));

  return {
    backend,
    lost,
    isLost: () => {
      if (lostReason === null && gl?.isContextLost()) markLost('WebGL context lost');
      return lostReason !== null;
    },
    release: () => {
      // A lost WebGL context never signals its fences: TF.js would poll them on a timer forever.
      const stuck = gpgpu?.itemsToPoll ?? [];
      if (gpgpu) gpgpu.itemsToPoll = [];
      for (const item of stuck) item.resolveFn();
    },
  };
}

/** Really loses the active backend's GPU: WEBGL_lose_context, or GPUDevice.destroy(). */
export function loseGpu(): BackendName {
  const backend = tf.getBackend() as BackendName;
  const gl = webglOf(backend)?.gl;
  const device = deviceOf(backend);
  if (gl) {
    const extension = gl.getExtension('WEBGL_lose_context');
    if (!extension) throw new LumenError('bad-request', 'This WebGL context cannot be lost on purpose (no WEBGL_lose_context).');
    extension.loseContext();
  } else if (device) {
    device.destroy();
  } else {
    throw new LumenError('bad-request', `The active backend (${backend}) runs on no GPU: there is nothing to lose. Pick webgl or webgpu.`);
  }
  return backend;
}

/** True for errors a dead device throws (WebGPU rejects mapAsync; WebGL may fail to compile). */
export function looksLikeGpuLoss(error: unknown): boolean {
  if (error instanceof LumenError) return error.code === 'gpu-lost';
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /device (is |was )?lost|context (is |was )?lost|destroyed device|OperationError|Instance dropped/i.test(message);
}
