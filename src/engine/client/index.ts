/** The page's one worker client, started on first use. The main thread never imports TF.js. */
import { WorkerClient, type WorkerLike } from './workerClient';

let client: WorkerClient | null = null;

export function getClient(): WorkerClient {
  // Each worker gets a unique name: it names the Web Lock by which the client learns of its death.
  client ??= new WorkerClient((name) => new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike);
  return client;
}

export { WorkerClient };
export type { RequestHandle, RequestOptions, WorkerLike } from './workerClient';
