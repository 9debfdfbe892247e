/**
 * Reading an unknown JSON value as a report, field by field, so a file from elsewhere (another
 * version, another tool, hand-edited) is either read whole or refused with the field at fault
 * named: "devices[1].entries[0].top1: expected a fraction in [0, 1] or null".
 */

export class ReportShapeError extends Error {
  override name = 'ReportShapeError';
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (path: string, expected: string, value: unknown): never => {
  const got = value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new ReportShapeError(`${path}: expected ${expected}, got ${got}`);
};

export function recordAt(value: unknown, path: string): Record<string, unknown> {
  return isRecord(value) ? value : refuse(path, 'an object', value);
}

export function listAt(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : refuse(path, 'a list', value);
}

export function textAt(value: unknown, path: string): string {
  return typeof value === 'string' && value.length > 0 ? value : refuse(path, 'some text', value);
}

/** Text when present; absent or null reads as null, anything else is refused. */
export function optionalTextAt(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : textAt(value, path);
}

export function countAt(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : refuse(path, 'a whole number ≥ 0', value);
}

/** A count when present (navigator.hardwareConcurrency may be hidden); null otherwise. */
export function optionalCountAt(value: unknown, path: string): number | null {
  return value === undefined || value === null ? null : countAt(value, path);
}

/** A fraction in [0, 1], or null (nothing scored). */
export function fractionAt(value: unknown, path: string): number | null {
  if (value === null) return null;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : refuse(path, 'a fraction in [0, 1] or null', value);
}

/** Milliseconds ≥ 0, or null (no image timed). */
export function millisecondsAt(value: unknown, path: string): number | null {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : refuse(path, 'milliseconds ≥ 0 or null', value);
}
