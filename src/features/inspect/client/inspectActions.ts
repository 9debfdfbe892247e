/** Inspector: asks the worker for a report on the selected model. */
import { selectedSpec } from '@/app/store/modelRegistry';
import { getEngine } from '@/engine/client';
import type { ModelReport } from '@/features/inspect/shared/messages';

export interface InspectHandle {
  result: Promise<ModelReport>;
  cancel(): void;
}

export function inspectSelected(): InspectHandle | null {
  const spec = selectedSpec();
  if (!spec) return null;
  const engine = getEngine();
  const handle = engine.inspect({ model: spec });
  return { result: handle.result, cancel: () => engine.cancel(handle.id) };
}
