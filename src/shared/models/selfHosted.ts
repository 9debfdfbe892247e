/**
 * A hosted catalog model that `npm run models -- --self-host` downloaded into its folder: its
 * lumen-model.json names every file with its sha256. Such a model is served like an installed one
 * (from `<id>/<version>/`, hashes checked by the worker), never from its hub.
 */
import type { CatalogFile, CatalogModel } from './catalog';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function recordedFile(value: unknown): CatalogFile | null {
  if (!isObject(value)) return null;
  const { path, size, sha256 } = value;
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.split('/').includes('..')) return null;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) return null;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  return { path, size, sha256 };
}

/**
 * The catalog entry as a local model when `meta` (its folder's lumen-model.json) records a
 * self-hosted copy of it; null otherwise (not hosted, not self-hosted, or a record that does not
 * hold up: then the model stays online). The source becomes `url` from the hub's folder: where the
 * files came from, while model and labels URLs now resolve to the model's own folder.
 */
export function selfHostedEntry(model: CatalogModel, meta: unknown): CatalogModel | null {
  if (model.source.kind !== 'hosted' || !isObject(meta)) return null;
  const source = meta['source'];
  if (!isObject(source) || source['kind'] !== 'hosted') return null;
  if (meta['version'] !== undefined && meta['version'] !== model.version) return null;
  const labels = meta['labels'];
  const raw = meta['files'];
  if (typeof labels !== 'string' || !Array.isArray(raw)) return null;
  const files = raw.map(recordedFile);
  if (files.some((f) => f === null)) return null;
  const valid = files as CatalogFile[];
  if (!valid.some((f) => f.path === 'model.json') || !valid.some((f) => f.path === labels)) return null;
  const location = typeof source['location'] === 'string' ? source['location'] : model.source.modelUrl;
  return { ...model, labels, files: valid, source: { kind: 'url', baseUrl: new URL('./', location).href } };
}
