/** Catalog entry → the serializable spec the worker loads, with URLs resolved against the catalog. */
import { modelFolder, type CatalogModel } from '../shared/catalog';
import type { ModelSpec } from '../shared/protocol';

export function specFromCatalog(model: CatalogModel, catalogUrl: string | URL): ModelSpec {
  const folder = new URL(modelFolder(model), catalogUrl);
  return {
    key: `${model.id}@${model.version}`,
    id: model.id,
    name: model.name,
    format: model.format,
    modelUrl: new URL('model.json', folder).href,
    labelsUrl: new URL(model.labels, folder).href,
    inputSize: model.inputSize,
    preprocessing: model.preprocessing,
    output: model.output,
    classes: model.classes,
    labelOrder: model.labelOrder,
    kerasIndex: model.kerasIndex ?? null,
  };
}
