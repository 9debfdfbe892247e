/**
 * Families: catalog entries that hold the same network in several formats (MobileNetV2 as TF.js,
 * ONNX, the Hugging Face layout and the uint8 TFLite original) share a `family`. `?runtime=` and
 * `npm run eval -- --runtime` pick the member that runs on a runtime; `--family … --agree` runs them all.
 */
import type { CatalogModel } from './catalog';
import { runtimeOfFormat, type RuntimeName } from '@/engine/shared/types';

/** The model's family: every entry sharing its `family` (itself first), or the model alone. */
export function familyMembers(models: readonly CatalogModel[], id: string): CatalogModel[] {
  const model = models.find((m) => m.id === id);
  if (!model) return [];
  if (!model.family) return [model];
  return [model, ...models.filter((m) => m.family === model.family && m.id !== id)];
}

/** Entries of a family by its name (`--family mobilenet_v2_100_224`), the one whose id is the name first. */
export function membersOfFamily(models: readonly CatalogModel[], family: string): CatalogModel[] {
  const members = models.filter((m) => m.family === family);
  return [...members.filter((m) => m.id === family), ...members.filter((m) => m.id !== family)];
}

/**
 * The member of `id`'s family that runs on `runtime` (the model itself when it does), preferring
 * one that `usable` accepts (installed here); null when the family has none on that runtime.
 */
export function memberOnRuntime(
  models: readonly CatalogModel[],
  id: string,
  runtime: RuntimeName,
  usable: (model: CatalogModel) => boolean = () => true,
): CatalogModel | null {
  const onRuntime = familyMembers(models, id).filter((m) => runtimeOfFormat(m.format) === runtime);
  return onRuntime.find(usable) ?? onRuntime[0] ?? null;
}
