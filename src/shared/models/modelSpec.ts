/** Catalog entry → the serializable spec the worker loads, with URLs resolved against the catalog. */
import { modelFileOf, modelFolder, type CatalogModel } from './catalog';
import type { ModelSpec } from '@/engine/shared/types';

/**
 * A hosted model's model.json URL. TF-Hub and Kaggle hand out model *handles* (no file name);
 * like tf.loadGraphModel(url, {fromTFHub: true}), a handle becomes `<handle>/model.json?tfjs-format=file`.
 * Weight shards then inherit the query string (tfjs appends it to every shard URL).
 */
export function resolveHostedModelUrl(modelUrl: string): string {
  const url = new URL(modelUrl);
  if (/\.json$/i.test(url.pathname)) return url.href;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/model.json`;
  url.search = '?tfjs-format=file';
  return url.href;
}

/** Where the worker fetches model.json and labels: the installed folder, or the hosted URLs. */
export function modelUrls(model: CatalogModel, catalogUrl: string | URL): { modelUrl: string; labelsUrl: string } {
  if (model.source.kind === 'hosted') {
    const modelUrl = resolveHostedModelUrl(model.source.modelUrl);
    // Relative labels sit next to model.json; absolute ones (a shared labels file) stay as they are.
    return { modelUrl, labelsUrl: new URL(model.labels, modelUrl).href };
  }
  const folder = new URL(modelFolder(model), catalogUrl);
  return { modelUrl: new URL(modelFileOf(model), folder).href, labelsUrl: new URL(model.labels, folder).href };
}

/**
 * Absolute URL → sha256 of every file the catalog lists, as the worker will request it: paths are
 * relative to model.json's folder. A hosted model.json's query string (TF-Hub's ?tfjs-format=file)
 * is carried over, since TF.js appends it to every shard URL it fetches.
 */
export function fileHashes(model: CatalogModel, modelUrl: string): Record<string, string> {
  const query = new URL(modelUrl).search;
  const hashes: Record<string, string> = {};
  // `?? []`: entries built by hand (tests, tools) may skip the validator that fills it in.
  for (const file of model.files ?? []) {
    const url = new URL(file.path, filesBase(model, modelUrl));
    if (model.source.kind === 'hosted') url.search = query;
    hashes[url.href] = file.sha256;
  }
  return hashes;
}

/** What file paths are relative to: model.json's folder, or the model's folder when the model file sits deeper (onnx/model.onnx). */
function filesBase(model: CatalogModel, modelUrl: string): string {
  if (model.source.kind === 'hosted') return modelUrl;
  const file = modelFileOf(model);
  return modelUrl.endsWith(file) ? modelUrl.slice(0, -file.length) : modelUrl;
}

export function specFromCatalog(model: CatalogModel, catalogUrl: string | URL): ModelSpec {
  const urls = modelUrls(model, catalogUrl);
  const hashes = fileHashes(model, urls.modelUrl);
  return {
    key: `${model.id}@${model.version}`,
    id: model.id,
    name: model.name,
    format: model.format,
    ...urls,
    inputSize: model.inputSize,
    preprocessing: model.preprocessing,
    output: model.output,
    classes: model.classes,
    labelOrder: model.labelOrder,
    kerasIndex: model.kerasIndex ?? null,
    ...(Object.keys(hashes).length > 0 ? { fileHashes: hashes } : {}),
  };
}
