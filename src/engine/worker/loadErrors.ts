/**
 * Why a model could not be loaded, in words that name the file at fault: the fetcher throws the
 * typed errors below, and describeLoadError turns whatever a load threw into one LumenError.
 */
import { isCustomId } from '@/features/custom/shared/customSpec';
import { LumenError } from '@/shared/errors';
import type { ModelSpec } from '@/engine/shared/types';

/** The last path segment of a URL, without its query: what a person recognises as "the file". */
export const fileName = (url: string): string => url.split('?')[0]?.split('/').at(-1) || url;

/**
 * A model file that could not be had: an HTTP error (TF.js would read a 404 page's body as weights
 * otherwise) or a request that failed on every attempt (status null). Carries the URL so the
 * message can name the file.
 */
export class FileFetchError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    reason: string,
    readonly attempts = 1,
  ) {
    super(status === null ? reason : `${url} answered HTTP ${status}`);
    this.name = 'FileFetchError';
  }
}

/** A file whose bytes do not have the sha256 the catalog lists for it. */
export class CorruptFileError extends Error {
  constructor(
    readonly url: string,
    readonly where: 'cache' | 'network',
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${fileName(url)} from the ${where === 'cache' ? 'offline cache' : 'network'} has sha256 ${actual.slice(0, 12)}…, expected ${expected.slice(0, 12)}…`,
    );
    this.name = 'CorruptFileError';
  }
}

export function describeLoadError(spec: ModelSpec, error: unknown): LumenError {
  if (error instanceof LumenError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CorruptFileError) {
    return new LumenError(
      'model-corrupt',
      `${spec.name}: ${fileName(error.url)} is corrupt: its sha256 does not match the catalog's (got ${error.actual.slice(0, 12)}…, expected ${error.expected.slice(0, 12)}…), also as downloaded again from ${error.url}. Nothing of the model was kept in the offline cache. The server holds a different file than the catalog lists: reinstall it (npm run models).`,
    );
  }
  if (error instanceof FileFetchError && error.status === null) {
    const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : '';
    return new LumenError(
      'network',
      `${spec.name}: could not download ${error.url}${tries} (${message}). Nothing of it was kept in the offline cache. Check the address, your connection, or the server's CORS headers.`,
    );
  }
  if (error instanceof FileFetchError && error.url !== spec.modelUrl) {
    return new LumenError('model-not-found', `${spec.name}: missing shard ${fileName(error.url)} (${error.message}).`);
  }
  const missingDropped = /Weight file with basename '([^']+)' is not provided/.exec(message);
  if (missingDropped) {
    return new LumenError('model-not-found', `${spec.name}: missing shard ${missingDropped[1]}: drop it together with model.json.`);
  }
  if (error instanceof FileFetchError || /404|Not Found/i.test(message)) {
    const hint = isCustomId(spec.id) ? 'Check the address.' : 'Run `npm run models` to fetch them.';
    return new LumenError('model-not-found', `${spec.name}: model files not found at ${spec.modelUrl}. ${hint}`);
  }
  if (/Failed to fetch|NetworkError|CORS/i.test(message)) {
    return new LumenError(
      'network',
      `${spec.name}: could not download ${spec.modelUrl} (${message}). Check the address, your connection, or the server's CORS headers.`,
    );
  }
  return new LumenError('model-load-failed', `${spec.name}: failed to load (${message})`, { cause: error });
}
