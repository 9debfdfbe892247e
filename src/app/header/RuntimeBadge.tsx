import { useStore } from '@/app/store';
import type { EngineInfo, ModelInfo, RuntimeName } from '@/engine/shared/types';

/** The runtime, the runtime's own backend and its wasm threads for the model in use (TF.js before any model is loaded). */
export function runtimeFacts(engine: EngineInfo | null, model: ModelInfo | null): { runtime: RuntimeName; backend: string; threads: number } | null {
  if (!engine) return null;
  return {
    runtime: model?.runtime ?? 'tfjs',
    backend: model?.runtimeBackend ?? engine.backend,
    threads: model?.threads ?? engine.wasmThreads ?? 0,
  };
}

const RUNTIME_NAMES: Record<RuntimeName, string> = { tfjs: 'TF.js', ort: 'ONNX Runtime', litert: 'LiteRT' };

/** Which runtime runs the model in use: TF.js, ONNX Runtime Web or LiteRT.js, on which backend and threads. */
export function RuntimeBadge() {
  const engine = useStore((s) => s.engine);
  const model = useStore((s) => s.modelInfo);
  const facts = runtimeFacts(engine, model);
  if (!facts) return null;
  const threads = facts.threads > 0 ? ` · ${facts.threads} thread${facts.threads === 1 ? '' : 's'}` : '';
  return (
    <span
      className="badge"
      data-testid="runtime"
      data-runtime={facts.runtime}
      data-backend={facts.backend}
      data-threads={facts.threads}
      title={`${RUNTIME_NAMES[facts.runtime]} runs the model on ${facts.backend}${threads}`}
    >
      <span className="badge-label">runtime</span>
      {RUNTIME_NAMES[facts.runtime]}
      {facts.runtime !== 'tfjs' && (
        <span className="badge-note">
          {facts.backend}
          {threads}
        </span>
      )}
    </span>
  );
}
