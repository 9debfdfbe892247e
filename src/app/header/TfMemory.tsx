import { useStore } from '@/app/store';

/**
 * The worker's tf.memory() after its last finished request. A stable test hook
 * (data-testid="tf-memory", data-tensors, data-bytes) on every view; small, in the header.
 */
export function TfMemory() {
  const memory = useStore((s) => s.workerMemory);
  return (
    <span
      className="tf-memory muted"
      data-testid="tf-memory"
      data-tensors={memory?.numTensors ?? ''}
      data-bytes={memory?.numBytes ?? ''}
      title="Tensors held by the TF.js worker after its last request"
    >
      {memory ? `${memory.numTensors} tensors · ${(memory.numBytes / 1e6).toFixed(1)} MB` : ''}
    </span>
  );
}
