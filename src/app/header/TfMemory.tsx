import { useStore } from '@/app/store';
import type { RuntimeMemory } from '@/engine/shared/types';

const RUNTIME_NAMES: Record<RuntimeMemory['runtime'], string> = { tfjs: 'TF.js', ort: 'ONNX Runtime', litert: 'LiteRT' };
const SHORT_NAMES: Record<RuntimeMemory['runtime'], string> = { tfjs: 'TF.js', ort: 'ORT', litert: 'LiteRT' };
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** "ONNX Runtime 1 model · 14.0 MB" for each runtime beside TF.js that holds a model, with tensors only when some are held. */
function runtimeLine(memory: RuntimeMemory): string {
  const held = memory.tensors > 0 ? ` · ${memory.tensors} tensors` : '';
  return `${RUNTIME_NAMES[memory.runtime]} ${memory.sessions} model${memory.sessions === 1 ? '' : 's'} · ${megabytes(memory.modelBytes)}${held}`;
}

/** The header's few words for it: "ORT 14.0 MB". */
const shortLine = (memory: RuntimeMemory): string =>
  `${SHORT_NAMES[memory.runtime]} ${megabytes(memory.modelBytes)}${memory.tensors > 0 ? ` +${memory.tensors} tensors` : ''}`;

/**
 * The worker's tf.memory() after its last finished request, and what ONNX Runtime and LiteRT hold
 * in their own heaps (their sessions' model bytes, tensors not yet freed). Stable test hooks on
 * every view, small, in the header: data-testid="tf-memory" with data-tensors and data-bytes
 * (TF.js), and data-runtime-sessions, data-runtime-bytes, data-runtime-tensors (the other runtimes, summed).
 */
export function TfMemory() {
  const memory = useStore((s) => s.workerMemory);
  const runtimes = memory?.runtimes ?? [];
  const holding = runtimes.filter((r) => r.sessions > 0 || r.tensors > 0);
  const sum = (pick: (r: RuntimeMemory) => number) => runtimes.reduce((total, r) => total + pick(r), 0);
  return (
    <span
      className="tf-memory muted"
      data-testid="tf-memory"
      data-tensors={memory?.numTensors ?? ''}
      data-bytes={memory?.numBytes ?? ''}
      data-runtime-sessions={memory ? sum((r) => r.sessions) : ''}
      data-runtime-bytes={memory ? sum((r) => r.modelBytes) : ''}
      data-runtime-tensors={memory ? sum((r) => r.tensors) : ''}
      title={`Held by the inference worker after its last request: TF.js tensors${holding.length > 0 ? `; ${holding.map(runtimeLine).join('; ')}` : ''}`}
    >
      {memory ? `${memory.numTensors} tensors · ${megabytes(memory.numBytes)}${holding.map((r) => ` · ${shortLine(r)}`).join('')}` : ''}
    </span>
  );
}
