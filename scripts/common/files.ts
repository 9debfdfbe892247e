/** File helpers for the model installer: streaming hashes and verified, atomic installs. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Suffix of in-flight downloads; stale ones (from an interrupted run) are swept by `sweepTempFiles`. */
export const TEMP_SUFFIX = '.lumen-tmp';

export interface FileDigest {
  size: number;
  sha256: string;
}

export interface ExpectedFile {
  size: number;
  sha256: string;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Hashes a file with any Node digest (`sha256` hex for catalog checks, `sha512` base64 for npm). */
export async function hashFile(path: string, algorithm: 'sha256' | 'sha512', encoding: 'hex' | 'base64'): Promise<string> {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(path), hash);
  return hash.digest(encoding);
}

/** The npm-style SRI string ("sha512-<base64>") of a file. */
export async function sriSha512(path: string): Promise<string> {
  return `sha512-${await hashFile(path, 'sha512', 'base64')}`;
}

/** True when `path` exists with exactly the expected size and sha256 (size is checked first: cheap). */
export async function isInstalled(path: string, expected: ExpectedFile): Promise<boolean> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false;
  }
  if (size !== expected.size) return false;
  return (await hashFile(path, 'sha256', 'hex')) === expected.sha256;
}

export class IntegrityError extends Error {
  constructor(
    readonly file: string,
    readonly expected: ExpectedFile,
    readonly actual: FileDigest,
  ) {
    const sizeNote = expected.size === actual.size ? '' : ` (size: expected ${expected.size} bytes, got ${actual.size})`;
    super(`sha256 mismatch for ${file}: expected ${expected.sha256}, got ${actual.sha256}${sizeNote}`);
    this.name = 'IntegrityError';
  }
}

/**
 * Streams `source` into a temp file beside `dest`, hashing as it goes; only when size and sha256
 * both match is it renamed over `dest` (atomic on one filesystem). The temp file never survives.
 * `label` names the file in error messages.
 */
export async function installVerified(source: Readable, dest: string, expected: ExpectedFile, label: string): Promise<FileDigest> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = join(dirname(dest), `.${basename(dest)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(temp));
    const actual: FileDigest = { size, sha256: hash.digest('hex') };
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
      throw new IntegrityError(label, expected, actual);
    }
    await rename(temp, dest);
    return actual;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Removes temp files left in `dir` by an interrupted run (not recursive; missing dir is fine). */
export async function sweepTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => rm(join(dir, n), { force: true })));
}

/** Runs `task` over `items` with at most `limit` in flight; returns results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
