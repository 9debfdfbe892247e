/**
 * npm tarball sources: `npm pack` (so the user's registry, proxy and auth config apply), a sha512
 * integrity check against the registry's metadata and against the bytes received, then system
 * `tar` into a cache that later runs reuse without touching the network.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exists, isDirectory, sriSha512 } from '../common/files';

/** What the installer needs from npm; injectable so tests never reach a registry. */
export interface NpmRunner {
  /** The registry's `dist.integrity` for an exact spec ("pkg@1.2.3"). */
  viewIntegrity(spec: string): Promise<string>;
  /** Downloads the tarball into `destDir`; returns its file name there and the integrity npm reports. */
  pack(spec: string, destDir: string): Promise<{ filename: string; integrity: string }>;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; never rejects for a non-zero exit (only when it cannot start). */
export function runCommand(command: string, args: readonly string[], cwd?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => reject(new Error(`cannot run ${command}: ${err.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Last meaningful stderr line, without npm's noise about unknown user config. */
function npmReason(result: CommandResult): string {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/Unknown (user|env|project) config/.test(l));
  const errors = lines.filter((l) => l.startsWith('npm error') || l.startsWith('npm ERR!'));
  return (errors.length ? errors.slice(0, 3).join(' | ') : lines.slice(-2).join(' | ')) || `exit code ${result.code}`;
}

function parseJson(text: string, what: string): unknown {
  const start = text.search(/[[{"]/);
  try {
    return JSON.parse(start > 0 ? text.slice(start) : text);
  } catch {
    throw new Error(`${what}: unreadable JSON output: ${text.slice(0, 200)}`);
  }
}

/** The real thing: shells out to `npm` on PATH. */
export const systemNpm: NpmRunner = {
  async viewIntegrity(spec) {
    const result = await runCommand('npm', ['view', spec, 'dist.integrity', '--json']);
    if (result.code !== 0) throw new Error(`npm view failed: ${npmReason(result)}`);
    const value = result.stdout.trim() ? parseJson(result.stdout, 'npm view') : '';
    if (typeof value !== 'string' || !value) throw new Error(`npm view ${spec} gave no dist.integrity (does that version exist?)`);
    return value;
  },
  async pack(spec, destDir) {
    const result = await runCommand('npm', ['pack', spec, '--json', '--pack-destination', destDir]);
    if (result.code !== 0) throw new Error(`npm pack failed: ${npmReason(result)}`);
    const parsed = parseJson(result.stdout, 'npm pack');
    const entry: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
    if (typeof entry !== 'object' || entry === null) throw new Error('npm pack failed: no package in its --json output');
    const { filename, integrity } = entry as Record<string, unknown>;
    if (typeof filename !== 'string' || typeof integrity !== 'string') {
      throw new Error('npm pack failed: --json output lacks filename/integrity');
    }
    return { filename, integrity };
  },
};

/** Cache folder for one package version: `<cacheDir>/npm/<pkg>@<ver>/` with "/" of scopes made safe. */
export function npmCacheFolder(cacheDir: string, pkg: string, version: string): string {
  return join(cacheDir, 'npm', `${pkg.replace(/\//g, '+')}@${version}`);
}

const TARBALL = 'package.tgz';
const INTEGRITY = 'integrity.txt';
const EXTRACTED = 'extracted';
const DONE = '.lumen-extracted';

/**
 * Returns the folder holding the extracted tarball (its root contains `package/`). A tarball that
 * was verified once is re-verified against the integrity recorded then, offline; otherwise it is
 * packed again and checked against the registry, both npm's own report and the bytes on disk.
 */
export async function ensureNpmPackage(pkg: string, version: string, cacheDir: string, npm: NpmRunner, log: (line: string) => void): Promise<string> {
  const spec = `${pkg}@${version}`;
  const folder = npmCacheFolder(cacheDir, pkg, version);
  const tarball = join(folder, TARBALL);
  const extracted = join(folder, EXTRACTED);
  await mkdir(folder, { recursive: true });

  const recorded = (await exists(join(folder, INTEGRITY))) ? (await readFile(join(folder, INTEGRITY), 'utf8')).trim() : '';
  const cached = recorded !== '' && (await exists(tarball)) && (await sriSha512(tarball)) === recorded;
  if (cached) {
    log(`  using cached tarball ${tarball}`);
  } else {
    log(`  npm pack ${spec} (verifying sha512 against the registry)`);
    const expected = await npm.viewIntegrity(spec);
    if (!expected.startsWith('sha512-')) throw new Error(`registry gives no sha512 integrity for ${spec} (got "${expected}")`);
    const staging = await mkdtemp(join(folder, 'pack-'));
    try {
      const packed = await npm.pack(spec, staging);
      if (packed.integrity !== expected) {
        throw new Error(`npm integrity mismatch for ${spec}: registry says ${expected}, npm pack reported ${packed.integrity}`);
      }
      const actual = await sriSha512(join(staging, packed.filename));
      if (actual !== expected) {
        throw new Error(`npm integrity mismatch for ${spec}: registry says ${expected}, tarball is ${actual}`);
      }
      await rm(extracted, { recursive: true, force: true });
      await rename(join(staging, packed.filename), tarball);
      await writeFile(join(folder, INTEGRITY), `${expected}\n`);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  if (!(await exists(join(extracted, DONE)))) {
    const staging = `${extracted}.${process.pid}.tmp`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    try {
      const result = await runCommand('tar', ['-xzf', tarball, '-C', staging]);
      if (result.code !== 0) throw new Error(`tar could not extract ${tarball}: ${result.stderr.trim() || `exit ${result.code}`}`);
      await writeFile(join(staging, DONE), `${spec}\n`);
      await rm(extracted, { recursive: true, force: true });
      await rename(staging, extracted);
    } finally {
      if (await isDirectory(staging)) await rm(staging, { recursive: true, force: true });
    }
  }
  return extracted;
}
