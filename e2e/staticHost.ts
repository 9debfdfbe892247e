/**
 * A plain static file server (node:http) standing in for a CDN: files from one folder under a
 * sub-path, correct content types (application/wasm included), and no COOP/COEP or any other
 * policy header, so cross-origin isolation can only come from the app's service worker. The folder
 * can be swapped to stand for a new deployment at the same URL.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

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

export interface StaticHost {
  /** The app's address, ending in the sub-path's slash. */
  url: string;
  /** Every path requested, in order (to see what came from the server and what did not). */
  requests: string[];
  /** Serves another folder from now on (a new deployment). */
  setRoot(dir: string): void;
  close(): Promise<void>;
}

/** The file a request path names under root, or null (outside the prefix or the folder). */
export function fileFor(root: string, prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = decodeURIComponent(pathname.slice(prefix.length));
  const path = resolve(root, `./${rest.endsWith('/') || rest === '' ? `${rest}index.html` : rest}`);
  return path === root || path.startsWith(root + sep) ? path : null;
}

/** `headers` go on every answer (e.g. CORS for a server standing in for a model hub). */
export async function serveStatic(root: string, prefix: string, headers: Record<string, string> = {}): Promise<StaticHost> {
  let current = resolve(root);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    requests.push(pathname);
    const path = fileFor(current, prefix, pathname);
    let size = -1;
    try {
      if (path && statSync(path).isFile()) size = statSync(path).size;
    } catch {
      size = -1;
    }
    if (!path || size < 0 || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    setRoot: (dir) => {
      current = resolve(dir);
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
