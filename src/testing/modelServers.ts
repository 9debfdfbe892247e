/**
 * Local HTTP servers for tests (node:http on a free port of 127.0.0.1), one implementation for the
 * installer's unit tests and the e2e specs: a plain static folder (a CDN, a model host, the app on
 * a static host), and a stand-in for TF-Hub that answers only as the hub does. Each records the
 * requests it saw, so a test can say what was fetched and what never was.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export interface LocalServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  /** Every request in order, as `record` wrote it (by default the decoded path and the query). */
  requests: string[];
  close(): Promise<void>;
}

/** A file from disk (streamed), a body, or nothing (404). */
export type Answer = { file: string; headers?: Record<string, string> } | { body: string | Uint8Array; headers?: Record<string, string> } | null;

export interface ServeOptions {
  /** Headers on every answer, 404s included (e.g. CORS for a server standing in for a model hub). */
  headers?: Record<string, string>;
  /** What `requests` holds for a request. */
  record?: (url: URL) => string;
}

const byPathAndQuery = (url: URL): string => `${decodeURIComponent(url.pathname)}${url.search}`;

/** A server that answers each GET or HEAD as `answer` says. */
export async function serveLocal(answer: (url: URL) => Answer | Promise<Answer>, options: ServeOptions = {}): Promise<LocalServer> {
  const headers = options.headers ?? {};
  const record = options.record ?? byPathAndQuery;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    requests.push(record(url));
    const notFound = (): void => void res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
    void Promise.resolve(answer(url)).then(
      (found) => {
        if (found === null) return notFound();
        const size = 'file' in found ? statSync(found.file).size : Buffer.byteLength(found.body);
        res.writeHead(200, { ...headers, 'content-length': size, ...found.headers });
        if (req.method === 'HEAD') res.end();
        else if ('file' in found) createReadStream(found.file).pipe(res);
        else res.end(found.body);
      },
      (error: unknown) => void res.writeHead(500, headers).end(String(error)),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a request path names under root, or null (outside the prefix or the folder); a folder means its index.html. */
export function fileFor(root: string, prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = decodeURIComponent(pathname.slice(prefix.length));
  const path = resolve(root, `./${rest.endsWith('/') || rest === '' ? `${rest}index.html` : rest}`);
  return path === root || path.startsWith(root + sep) ? path : null;
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export interface FolderOptions extends ServeOptions {
  /** The path the folder is served under, with both slashes (default '/'). */
  prefix?: string;
  /** Another view of the folder: request path → the path to serve (under the prefix), or null for 404. */
  map?: (path: string) => string | null;
  /** Request paths answered with wrong bytes: same length, last byte flipped. */
  corrupt?: ReadonlySet<string>;
}

export interface FolderServer extends LocalServer {
  /** The folder's address: origin + prefix. */
  url: string;
  /** Serves another folder from now on (a new deployment at the same URL). */
  setRoot(dir: string): void;
}

/** A plain static file server: one folder under a prefix, correct content types, no other header than `headers`. */
export async function serveFolder(root: string, options: FolderOptions = {}): Promise<FolderServer> {
  const prefix = options.prefix ?? '/';
  let current = resolve(root);
  const server = await serveLocal(async (url) => {
    const path = options.map ? options.map(decodeURIComponent(url.pathname)) : url.pathname;
    const file = path === null ? null : fileFor(current, prefix, path);
    if (file === null || !isFile(file)) return null;
    const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
    if (!options.corrupt?.has(decodeURIComponent(url.pathname))) return { file, headers };
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    return { body: bytes, headers };
  }, options);
  return {
    ...server,
    url: `${server.origin}${prefix}`,
    setRoot: (dir) => {
      current = resolve(dir);
    },
  };
}

export interface HubOptions {
  /** The module's path on the hub, e.g. /google/imagenet/mobilenet_v1_025_224/classification/1. */
  hubPath: string;
  /** Where ImageNetLabels.txt is answered. */
  labelsPath: string;
}

/**
 * TF-Hub standing in for itself: the TF.js files of `modelDir` under hubPath, and only with
 * ?tfjs-format=file (without it the hub sends a tarball); TF-Hub's ImageNetLabels.txt (1001 lines,
 * "background" first) made from the folder's labels.json.
 */
export async function serveModelHub(modelDir: string, options: HubOptions, serve: ServeOptions = {}): Promise<LocalServer> {
  const names = JSON.parse(readFileSync(resolve(modelDir, 'labels.json'), 'utf8')) as string[];
  const labels = ['background', ...names].join('\n');
  return serveLocal((url) => {
    if (url.pathname === options.labelsPath) return { body: labels, headers: { 'content-type': 'text/plain' } };
    if (!url.pathname.startsWith(`${options.hubPath}/`) || url.search !== '?tfjs-format=file') return null;
    const file = fileFor(modelDir, `${options.hubPath}/`, url.pathname);
    return file !== null && isFile(file) ? { file } : null;
  }, serve);
}
