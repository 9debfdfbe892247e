/**
 * Checks shared by the catalog's validators (catalog.ts, and weights.ts for its variants): the
 * catalog is untrusted JSON, and every failure names where in it the problem sits.
 */
import { LumenError } from '@/shared/errors';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function fail(where: string, what: string): never {
  throw new LumenError('catalog-invalid', `catalog: ${where}: ${what}`);
}

export function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(where, `"${key}" must be a non-empty string`);
  return v;
}

/** A listed file: a path that stays inside its folder, a positive size and a sha256. */
export function fileEntry(v: unknown, where: string): Json & { path: string; size: number; sha256: string } {
  if (!isObject(v)) fail(where, 'file entry must be an object');
  const path = str(v, 'path', where);
  if (path.startsWith('/') || path.split('/').includes('..')) fail(where, `file path "${path}" must stay inside the model folder`);
  const size = v['size'];
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) fail(where, `"${path}" needs a positive integer size`);
  const sha256 = str(v, 'sha256', where);
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail(where, `"${path}" sha256 must be 64 lowercase hex digits`);
  return { ...v, path, size, sha256 };
}
