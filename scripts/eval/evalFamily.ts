/**
 * `npm run eval -- --runtime R` and `--family ID [--agree]`: which catalog models to run, read from
 * public/models/catalog.json (src/shared/models/family.ts), and how a member's answers compare with
 * the family's first member on the same images.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { modelFolder, validateCatalog, type CatalogModel } from '../../src/shared/models/catalog';
import { memberOnRuntime, membersOfFamily } from '../../src/shared/models/family';
import { runtimeOfFormat, type ModelInfo, type RuntimeName } from '../../src/engine/shared/types';
import { percent, type Agreement } from './evalScore';

const MODELS_DIR = resolve(import.meta.dirname, '../../public/models');

export async function catalogModels(): Promise<CatalogModel[]> {
  return validateCatalog(JSON.parse(await readFile(resolve(MODELS_DIR, 'catalog.json'), 'utf8'))).models;
}

export const isInstalledHere = (model: CatalogModel): boolean => existsSync(resolve(MODELS_DIR, modelFolder(model), 'lumen-model.json'));

/** `--model ID --runtime R` → the member of ID's family on R (installed here first). */
export function modelOnRuntime(models: readonly CatalogModel[], id: string, runtime: RuntimeName): string {
  if (!models.some((m) => m.id === id)) throw new Error(`--model: "${id}" is not in the catalog`);
  const member = memberOnRuntime(models, id, runtime, isInstalledHere);
  if (!member) throw new Error(`--runtime ${runtime}: ${id}'s family has no member on ${runtime}`);
  return member.id;
}

/** `--family ID` → its installed members, the family's own id first; says which are not installed. */
export function installedMembers(models: readonly CatalogModel[], family: string): { run: CatalogModel[]; missing: string[] } {
  const members = membersOfFamily(models, family);
  if (members.length === 0) throw new Error(`--family: no catalog model has family "${family}"`);
  return { run: members.filter(isInstalledHere), missing: members.filter((m) => !isInstalledHere(m)).map((m) => m.id) };
}

/** A quantized member (a uint8 or int8 input, as the runtime reported it) answers differently by design. */
export function isQuantized(info: ModelInfo): boolean {
  const dtype = info.signature?.inputs[0]?.dtype ?? 'float32';
  return /int8|uint8/.test(dtype);
}

export const FLOAT_TARGET = { sameTop1: 1, maxAbsDelta: 1e-3 } as const;

/** One member against the first: judged for float members on the same weights, reported for quantized ones. */
export function memberAgreementLines(first: CatalogModel, member: CatalogModel, result: Agreement, quantized: boolean): string[] {
  const runtimes = `${first.id} (${runtimeOfFormat(first.format)}) vs ${member.id} (${runtimeOfFormat(member.format)})`;
  const same = `${percent(result.sameTop1Fraction, 2)} (${result.sameTop1}/${result.compared})`;
  const delta = result.maxAbsDelta.toExponential(2);
  const where = result.worst ? ` at ${result.worst.file}, class ${result.worst.classIndex}` : '';
  if (quantized) return [`agreement ${runtimes}: same top-1 on ${same}, max |Δprobability| ${delta}${where} [quantized: reported, not judged]`];
  const met = result.sameTop1Fraction >= FLOAT_TARGET.sameTop1 && result.maxAbsDelta <= FLOAT_TARGET.maxAbsDelta;
  const lines = [
    `agreement ${runtimes}: same top-1 on ${same}, max |Δprobability| ${delta}${where} [float target 100 % and ≤ 1e-3: ${met ? 'met' : 'NOT met'}]`,
  ];
  for (const d of result.disagreements.slice(0, 10)) lines.push(`  top-1 differs: ${d.file}: ${d.a} vs ${d.b}`);
  return lines;
}
