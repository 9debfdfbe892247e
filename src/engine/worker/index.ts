/** Worker entry: wires the handler to `self`. Everything testable lives in handler.ts. */
import { createTfEngine } from './engine';
import { createHandler } from './handler';
import { holdLifeLock } from '@/engine/shared/liveness';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler(createTfEngine(), (event, transfer) => scope.postMessage(event, transfer ?? []));
scope.addEventListener('message', (event: MessageEvent<unknown>) => void handle(event.data));
// The page learns of this worker's death when this lock is released (see engine/shared/liveness.ts).
holdLifeLock(scope.name, () => scope.postMessage({ type: 'alive', id: 0 }));
