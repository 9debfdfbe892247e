import { useStore } from '@/app/store';
import { formatBytes, formatMs } from '@/shared/format';
import { BackendChoice } from '@/app/picker/BackendChoice';
import type { ModelReport } from '@/features/inspect/shared/messages';

const LIMIT_IS_BYTES = /Size$/;
const RUNTIME_NAMES = { tfjs: 'TF.js', ort: 'ONNX Runtime Web', litert: 'LiteRT.js' } as const;

/** Which runtime ran the model, on its own backend and threads, and how it was fed (layout, dtype, image by image). */
function RuntimeLine({ report }: { report: ModelReport }) {
  const { info } = report;
  const runtime = info.runtime ?? 'tfjs';
  const input = info.signature?.inputs[0];
  const threads = info.threads ? ` · ${info.threads} wasm thread${info.threads === 1 ? '' : 's'}` : '';
  return (
    <p data-testid="inspect-runtime" data-runtime={runtime} data-backend={info.runtimeBackend ?? info.backend} data-threads={info.threads ?? ''}>
      runtime: <strong>{RUNTIME_NAMES[runtime]}</strong> on {info.runtimeBackend ?? info.backend}
      {threads}
      {info.signature && input
        ? ` · input ${input.name} ${input.dtype} ${info.signature.layout.toUpperCase()}${info.signature.imageByImage ? ' · batch fixed at 1: batches run image by image' : ''}`
        : ''}
      {info.threadChoice ? <span className="muted"> · threads {info.threadChoice}</span> : null}
    </p>
  );
}

/** The backend that ran and why, the GPU it found, and where the cold start's time went. */
export function WhatRan({ report }: { report: ModelReport }) {
  const engine = useStore((s) => s.engine);
  const { info, check } = report;
  const phases = [
    { label: info.fromCache ? 'read from cache + parse' : 'download + parse', ms: info.loadMs },
    { label: 'warm-up (upload, compile)', ms: info.warmupMs },
    { label: report.freshLoad ? 'first inference' : 'inference (already warm)', ms: check.ms },
  ];
  const total = phases.reduce((sum, p) => sum + p.ms, 0) || 1;
  return (
    <>
      <div className="zoo-card zoo-wide" data-testid="inspect-engine" data-backend={engine?.backend ?? ''}>
        <h3>What ran</h3>
        {engine ? (
          <>
            <p>
              <strong>{engine.backend}</strong> {engine.forced ? '(forced)' : '(chosen automatically)'}: {engine.reason}
            </p>
            <RuntimeLine report={report} />
            <BackendChoice />
            <ul className="zoo-list">
              {engine.attempts.map((a) => (
                <li key={a.backend}>
                  {a.ok ? '✓' : '✗'} {a.backend}: {a.reason}
                </li>
              ))}
            </ul>
            {engine.backend === 'wasm' && (
              <p data-testid="inspect-wasm-threads" data-wasm-threads={engine.wasmThreads ?? ''}>
                wasm threads: <strong>{engine.wasmThreads ?? '?'}</strong>
                {window.crossOriginIsolated ? ' (cross-origin isolated)' : ' (not cross-origin isolated: one thread)'}
              </p>
            )}
            <p className="muted">
              TF.js {engine.tfjsVersion}
              {engine.webglRenderer && ` · WebGL renderer: ${engine.webglRenderer}`}
            </p>
            {engine.adapter ? (
              <details>
                <summary>
                  WebGPU adapter: {[engine.adapter.vendor, engine.adapter.architecture, engine.adapter.description].filter(Boolean).join(' ') || 'unnamed'}
                  {engine.adapter.isFallbackAdapter && ' (software fallback)'}
                </summary>
                <table className="zoo-table">
                  <tbody>
                    {Object.entries(engine.adapter.limits).map(([key, value]) => (
                      <tr key={key}>
                        <td className="mono">{key}</td>
                        <td>{LIMIT_IS_BYTES.test(key) ? formatBytes(value) : value.toLocaleString('en-US')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : (
              <p className="muted">No WebGPU adapter in this browser.</p>
            )}
          </>
        ) : (
          <p className="muted">The engine has not started.</p>
        )}
      </div>
      <div className="zoo-card" data-testid="inspect-cold-start">
        <h3>Cold start: {formatMs(phases.reduce((sum, p) => sum + p.ms, 0))}</h3>
        <div className="zoo-stack" aria-hidden="true">
          {phases.map((p, i) => (
            <span key={p.label} className={`zoo-phase zoo-phase-${i}`} style={{ width: `${(p.ms / total) * 100}%` }} />
          ))}
        </div>
        <ul className="zoo-list">
          {phases.map((p, i) => (
            <li key={p.label}>
              <span className={`zoo-dot zoo-phase-${i}`} /> {p.label}: <strong>{formatMs(p.ms)}</strong>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
