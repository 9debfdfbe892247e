/**
 * Registers the app's service worker (production builds only: the dev server has none) and tracks
 * whether a new version is installed and waiting. The waiting version takes over only through
 * applyUpdate(), i.e. when the person clicks "Reload": never in the middle of a run.
 */
import { useSyncExternalStore } from 'react';

let waiting: ServiceWorker | null = null;
let started = false;
const listeners = new Set<() => void>();

function setWaiting(worker: ServiceWorker): void {
  waiting = worker;
  for (const listener of listeners) listener();
}

function watch(registration: ServiceWorkerRegistration): void {
  // A first install has no controller yet: that is not an update.
  if (registration.waiting && navigator.serviceWorker.controller) setWaiting(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) setWaiting(installing);
    });
  });
}

/** True where a service worker can serve this page (production build, secure context). */
export function serviceWorkerAvailable(): boolean {
  return import.meta.env.PROD && 'serviceWorker' in navigator;
}

export function startServiceWorker(): void {
  if (started || !serviceWorkerAvailable()) return;
  started = true;
  const register = (): void => {
    // Relative to the page: the app may live under any sub-path, and the scope is its folder.
    navigator.serviceWorker
      .register(new URL('sw.js', document.baseURI), { scope: './' })
      .then(watch)
      .catch((error: unknown) => console.warn('Lumen: the service worker could not be registered', error));
  };
  // After the load event: installing (precaching ~4 MB) must not compete with the first result.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Lets the waiting version take over, then reloads once it controls the page. */
export function applyUpdate(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage('skip-waiting');
}

export function useUpdateWaiting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting !== null,
  );
}
