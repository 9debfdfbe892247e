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

/** A member's top-1 may trail the family's first entry by this much (0.005: half a point), as for weight variants. */
export const FAMILY_TOP1_TOLERANCE = 0.005;

/**
 * The other members of `id`'s family the measured choice may weigh: those `usable` accepts
 * (installed here) whose sample top-1 is known and within FAMILY_TOP1_TOLERANCE of the family's
 * first entry, one per runtime (the Hugging Face copy of the ONNX weights would only time the same
 * runtime twice). Empty for a model with no family or no measured accuracy.
 */
export function choosableMembers(models: readonly CatalogModel[], id: string, usable: (model: CatalogModel) => boolean): CatalogModel[] {
  const self = models.find((m) => m.id === id);
  if (!self?.family) return [];
  const reference = membersOfFamily(models, self.family)[0]?.accuracy?.top1;
  if (reference === undefined) return [];
  const runtimes = new Set([runtimeOfFormat(self.format)]);
  const chosen: CatalogModel[] = [];
  for (const member of familyMembers(models, id).slice(1)) {
    const runtime = runtimeOfFormat(member.format);
    const top1 = member.accuracy?.top1;
    if (runtimes.has(runtime) || top1 === undefined || reference - top1 > FAMILY_TOP1_TOLERANCE + 1e-9 || !usable(member)) continue;
    runtimes.add(runtime);
    chosen.push(member);
  }
  return chosen;
}
