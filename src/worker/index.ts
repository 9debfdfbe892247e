/** Worker entry: wires the handler to `self`. Everything testable lives in handler.ts. */
import { createTfEngine } from './engine';
import { createHandler } from './handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler(createTfEngine(), (event, transfer) => scope.postMessage(event, transfer ?? []));
scope.addEventListener('message', (event: MessageEvent<unknown>) => void handle(event.data));
