import { useStore } from '@/app/store';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * The page's errors, and (with `running`) what ran: one line naming the backend, and behind it why,
 * every fallback tried, the GPU adapter and the loaded model's facts.
 */
export function EnginePanel({ running = false }: { running?: boolean }) {
  const engine = useStore((s) => s.engine);
  const engineError = useStore((s) => s.engineError);
  const modelInfo = useStore((s) => s.modelInfo);
  const modelError = useStore((s) => s.modelError);
  const catalogError = useStore((s) => s.catalogError);

  return (
    <section className="engine" data-testid="engine-panel">
      {[catalogError, engineError, modelError].filter(Boolean).map((text) => (
        <p key={text} className="error" role="alert" data-testid="app-error">
          {text}
        </p>
      ))}
      {running && engine && (
        <details>
          <summary>
            Running on <strong>{engine.backend}</strong> · {engine.forced ? 'forced' : 'automatic'}
          </summary>
          <p>{engine.reason}</p>
          <ul>
            {engine.attempts.map((a) => (
              <li key={a.backend}>
                {a.ok ? '✓' : '✗'} {a.backend}: {a.reason}
              </li>
            ))}
          </ul>
          {engine.adapter && (
            <p>
              WebGPU adapter: {engine.adapter.vendor} {engine.adapter.architecture} {engine.adapter.description}
              {engine.adapter.isFallbackAdapter && ' (software fallback)'} · max buffer {mb(engine.adapter.limits['maxBufferSize'] ?? 0)}
            </p>
          )}
          {engine.webglRenderer && <p>WebGL renderer: {engine.webglRenderer}</p>}
          <p>TF.js {engine.tfjsVersion}</p>
          {modelInfo && (
            <p data-testid="model-info" data-from-cache={String(modelInfo.fromCache)}>
              Model {modelInfo.key}: {(modelInfo.parameters / 1e6).toFixed(2)} M parameters, {mb(modelInfo.weightBytes)} of weights, input{' '}
              {JSON.stringify(modelInfo.inputShape)} → {JSON.stringify(modelInfo.outputShape)}; loaded in {modelInfo.loadMs.toFixed(0)} ms
              {modelInfo.fromCache ? ' (from cache)' : ''}, first pass {modelInfo.warmupMs.toFixed(0)} ms.
              {modelInfo.cacheProblem && ` ${modelInfo.cacheProblem}`}
            </p>
          )}
        </details>
      )}
    </section>
  );
}
