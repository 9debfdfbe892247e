/** The page's one worker, started on first use. The main thread never imports TF.js. */
import { WorkerClient, type WorkerLike } from './workerClient';

let client: WorkerClient | null = null;

export function getClient(): WorkerClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'lumen-tfjs' });
    client = new WorkerClient(worker as unknown as WorkerLike);
  }
  return client;
}

export { WorkerClient };
export type { RequestHandle, RequestOptions, WorkerLike } from './workerClient';
