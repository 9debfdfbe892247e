/** `?model=<id>&backend=<name>`: a link reproduces a setup. */
import { isBackendName, type BackendName } from '../shared/protocol';

export interface UrlState {
  model: string | null;
  backend: BackendName | null;
  /** A backend name in the URL that is not one we know, so the page can say so. */
  invalidBackend: string | null;
}

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const model = params.get('model');
  const backend = params.get('backend');
  return {
    model: model && model.length > 0 ? model : null,
    backend: isBackendName(backend) ? backend : null,
    invalidBackend: backend && !isBackendName(backend) ? backend : null,
  };
}

/** Returns the search string with `key` set (or removed when null), other parameters kept. */
export function withParam(search: string, key: 'model' | 'backend', value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(key);
  else params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
