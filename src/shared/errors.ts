/**
 * Errors that cross the worker boundary. Structured clone drops Error subclasses and custom
 * fields, so they travel as plain `{name, code, message}` and are rebuilt on the other side.
 */
export type ErrorCode =
  | 'bad-request'
  | 'cancelled'
  | 'backend-unavailable'
  | 'model-not-found'
  | 'model-load-failed'
  | 'model-invalid'
  | 'network'
  | 'decode-failed'
  | 'unsupported-format'
  | 'gpu-lost'
  | 'worker-crashed'
  | 'model-corrupt'
  | 'quota-exceeded'
  | 'out-of-memory'
  | 'catalog-invalid'
  | 'internal';

export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
}

export class LumenError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LumenError';
    this.code = code;
  }
}

/** Turns anything thrown into a serializable error; unknown throwables become `internal`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof LumenError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) {
    const code: ErrorCode = /out of memory|OOM|allocation failed|Failed to allocate/i.test(error.message) ? 'out-of-memory' : 'internal';
    return { name: error.name, code, message: error.message };
  }
  return { name: 'Error', code: 'internal', message: String(error) };
}

export function deserializeError(error: SerializedError): LumenError {
  const rebuilt = new LumenError(error.code, error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

export function isCancelled(error: unknown): boolean {
  return error instanceof LumenError && error.code === 'cancelled';
}
