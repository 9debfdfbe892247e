import { useEffect } from 'react';
import { useStore } from '@/app/store';
import { applyUpdate, serviceWorkerAvailable, startServiceWorker, useUpdateWaiting } from './serviceWorkerUpdates';
import './isolation.css';

/**
 * Cross-origin isolation and the wasm thread count: a stable test hook (data-testid="isolation",
 * data-isolated="true|false", data-wasm-threads: threads the wasm backend runs with, 1 when
 * single-threaded, 0 on another backend, empty before the engine starts) on every view, small, in
 * the header. Also registers the service worker and announces a waiting new version.
 */
export function Isolation() {
  const engine = useStore((s) => s.engine);
  const updateWaiting = useUpdateWaiting();
  useEffect(() => startServiceWorker(), []);
  const isolated = window.crossOriginIsolated;
  const threads = engine ? (engine.wasmThreads ?? 0) : null;
  return (
    <>
      <span
        className="isolation muted"
        data-testid="isolation"
        data-isolated={String(isolated)}
        data-wasm-threads={threads ?? ''}
        title="Cross-origin isolation lets the wasm backend use threads and gives benchmarks fine timers"
      >
        {isolated
          ? `isolated${threads && threads > 1 ? ` · wasm ${threads} threads` : ''}`
          : serviceWorkerAvailable() && !navigator.serviceWorker.controller
            ? 'First visit: not cross-origin isolated until the next load'
            : 'not cross-origin isolated'}
      </span>
      {updateWaiting && (
        <div className="update-prompt" role="status" data-testid="update-prompt">
          A new version is ready.{' '}
          <button type="button" data-testid="update-reload" onClick={applyUpdate}>
            Reload
          </button>
        </div>
      )}
    </>
  );
}
