/** `?model=<id>&backend=<name>&weights=<float16>&runtime=<ort>`: a link reproduces a setup. */
import { isBackendName, isRuntimeName, type BackendName, type RuntimeName } from '@/engine/shared/types';
import { isWeightsName, type WeightsName } from '@/shared/weights/names';

export interface UrlState {
  model: string | null;
  backend: BackendName | null;
  /** A backend name in the URL that is not one we know, so the page can say so. */
  invalidBackend: string | null;
  /** `?weights=float16`: a weight variant of the model (src/shared/weights/names.ts). */
  weights: WeightsName | null;
  invalidWeights: string | null;
  /** `?runtime=ort`: run the member of the model's family on that runtime (src/shared/models/family.ts). */
  runtime: RuntimeName | null;
  invalidRuntime: string | null;
}

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const model = params.get('model');
  const backend = params.get('backend');
  const weights = params.get('weights');
  const runtime = params.get('runtime');
  return {
    model: model && model.length > 0 ? model : null,
    backend: isBackendName(backend) ? backend : null,
    invalidBackend: backend && !isBackendName(backend) ? backend : null,
    weights: isWeightsName(weights) ? weights : null,
    invalidWeights: weights && !isWeightsName(weights) ? weights : null,
    runtime: isRuntimeName(runtime) ? runtime : null,
    invalidRuntime: runtime && !isRuntimeName(runtime) ? runtime : null,
  };
}

/** Returns the search string with `key` set (or removed when null), other parameters kept. */
export function withParam(search: string, key: 'model' | 'backend' | 'weights' | 'runtime', value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(key);
  else params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
