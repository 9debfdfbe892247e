/**
 * The app on a plain static host standing in for a CDN: src/testing/modelServers.ts's folder
 * server under a sub-path, with correct content types (application/wasm included) and no COOP/COEP
 * or any other policy header, so cross-origin isolation can only come from the app's service
 * worker. The folder can be swapped to stand for a new deployment at the same URL.
 */
import { serveFolder, type FolderServer } from '../src/testing/modelServers';

/** `url` ends in the sub-path's slash; `requests` holds each request's path (no query). */
export type StaticHost = FolderServer;

/** `headers` go on every answer (e.g. CORS for a server standing in for a model hub). */
export function serveStatic(root: string, prefix: string, headers: Record<string, string> = {}): Promise<StaticHost> {
  return serveFolder(root, { prefix, headers, record: (url) => url.pathname });
}
