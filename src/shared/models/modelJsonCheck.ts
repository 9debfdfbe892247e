/**
 * Guards for a model.json that comes from a person (typed URL or dropped file) rather than the
 * catalog: its size is bounded before it is read or parsed, and its shape is checked before any
 * of it is trusted, so a wrong file gets a message that names its problem instead of a TF.js stack.
 */
import { LumenError } from '@/shared/errors';

/**
 * The largest model.json accepted. The topology of even the largest ImageNet classifiers is a few
 * MB (weights live in the shards); anything bigger is not a model.json, or embeds its weights.
 */
export const MAX_MODEL_JSON_BYTES = 32 * 1024 * 1024;

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Throws when `bytes` (a File's size, a Content-Length, or the text read) is over the limit. */
export function checkModelJsonSize(bytes: number, source: string): void {
  if (bytes > MAX_MODEL_JSON_BYTES) {
    throw new LumenError(
      'model-invalid',
      `${source} is ${mb(bytes)}, more than the ${mb(MAX_MODEL_JSON_BYTES)} a TF.js model.json can reasonably be (weights belong in the shard files), so it was not read.`,
    );
  }
}

/** Parses model.json text, with its size checked first; a parse error names the file and where it broke. */
export function parseModelJsonText(text: string, source: string): unknown {
  checkModelJsonSize(text.length, source);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LumenError('model-invalid', `${source} is not JSON (${why}), so it is not a TF.js model.json.`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const DTYPES = new Set(['float32', 'int32', 'bool', 'complex64', 'string', 'float16', 'uint8', 'uint16', 'int8', 'int16']);

function weightProblems(weight: unknown, where: string): string[] {
  if (!isObject(weight)) return [`${where} is ${typeName(weight)}, not an object`];
  const problems: string[] = [];
  if (typeof weight['name'] !== 'string') problems.push(`${where} has no "name" string`);
  const shape = weight['shape'];
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    problems.push(`${where} "shape" must be a list of whole numbers (got ${JSON.stringify(shape) ?? 'nothing'})`);
  }
  if (typeof weight['dtype'] !== 'string' || !DTYPES.has(weight['dtype']))
    problems.push(`${where} "dtype" ${JSON.stringify(weight['dtype']) ?? 'is missing'} is not a TF.js dtype`);
  return problems;
}

/**
 * What makes this JSON not a TF.js model.json: no `modelTopology` object, no `weightsManifest` list
 * of `{paths: string[], weights: [{name, shape, dtype}]}`, a non-string `format`. At most a few
 * problems are returned, the first ones found; [] when the shape is right.
 */
export function modelJsonProblems(json: unknown): string[] {
  if (!isObject(json)) return [`it is ${typeName(json)}, not a JSON object`];
  const problems: string[] = [];
  if (!isObject(json['modelTopology']))
    problems.push(`"modelTopology" is ${json['modelTopology'] === undefined ? 'missing' : `${typeName(json['modelTopology'])}, not an object`}`);
  if (json['format'] !== undefined && typeof json['format'] !== 'string') problems.push(`"format" is ${typeName(json['format'])}, not a string`);
  const manifest = json['weightsManifest'];
  if (!Array.isArray(manifest)) {
    problems.push(`"weightsManifest" is ${manifest === undefined ? 'missing' : `${typeName(manifest)}, not a list`}: a model.json must list its weight files`);
    return problems;
  }
  manifest.forEach((group: unknown, g) => {
    const where = `weightsManifest[${g}]`;
    if (!isObject(group)) {
      problems.push(`${where} is ${typeName(group)}, not an object`);
      return;
    }
    const paths = group['paths'];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p.length > 0)) problems.push(`${where}.paths must be a list of file names`);
    const weights = group['weights'];
    if (!Array.isArray(weights)) problems.push(`${where}.weights must be a list`);
    else weights.forEach((w: unknown, i) => problems.push(...weightProblems(w, `${where}.weights[${i}]`)));
  });
  return problems.slice(0, 3);
}

/** Throws `model-invalid` naming the problems when the JSON is not shaped like a TF.js model.json. */
export function checkModelJsonShape(json: unknown, source = 'This file'): void {
  const problems = modelJsonProblems(json);
  if (problems.length > 0) throw new LumenError('model-invalid', `${source} is not a valid TF.js model.json: ${problems.join('; ')}.`);
}
