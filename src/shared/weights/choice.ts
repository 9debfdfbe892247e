/**
 * A (model, weights) pair as one string, so lists of models (Compare entries, benchmark plans,
 * exports) can hold variants side by side: `mobilenet_v2_100_224` (float32) or
 * `mobilenet_v2_100_224:float16`. Catalog ids never contain ':'.
 */
import { isWeightsName, type WeightsName } from './names';

export interface ModelChoice {
  id: string;
  weights: WeightsName;
}

export function choiceKey(id: string, weights: WeightsName): string {
  return weights === 'float32' ? id : `${id}:${weights}`;
}

/** A key without a known weights suffix is a plain model id (float32). */
export function parseChoice(key: string): ModelChoice {
  const at = key.lastIndexOf(':');
  const suffix = at > 0 ? key.slice(at + 1) : '';
  return isWeightsName(suffix) ? { id: key.slice(0, at), weights: suffix } : { id: key, weights: 'float32' };
}
