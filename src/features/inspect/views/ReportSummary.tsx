import { useStore } from '@/app/store';
import { diskBytesOf } from '@/app/store/modelRegistry';
import { formatBytes, formatCount, formatMs, formatShape } from '@/shared/format';
import type { ModelReport, TensorSignature } from '@/features/inspect/shared/messages';
import { ScrollCard } from './ScrollCard';

function Tensors({ role, tensors }: { role: 'input' | 'output'; tensors: TensorSignature[] }) {
  return (
    <>
      {tensors.map((t) => (
        <tr key={`${role}-${t.name}`} data-testid={`inspect-${role}`} data-shape={JSON.stringify(t.shape)}>
          <td>{role}</td>
          <td className="mono zoo-name" title={t.name}>
            {t.name}
          </td>
          <td className="mono nowrap">{formatShape(t.shape)}</td>
          <td className="mono">{t.dtype}</td>
        </tr>
      ))}
    </>
  );
}

/** Signature, parameters, sizes, load and the forward-pass check: the facts that decide if a model is usable. */
export function ReportSummary({ report }: { report: ModelReport }) {
  const selected = useStore((s) => s.selectedModel);
  const diskBytes = selected ? diskBytesOf(selected) : null;
  const { parameters: p, info, check } = report;
  return (
    <>
      <ScrollCard title="Signature">
        <table className="zoo-table">
          <thead>
            <tr>
              <th>role</th>
              <th>name</th>
              <th>shape</th>
              <th>dtype</th>
            </tr>
          </thead>
          <tbody>
            {/* biome-ignore lint/a11y/useValidAriaRole: `role` is a prop of our Tensors row (input or output), not an ARIA role */}
            <Tensors role="input" tensors={report.inputs} />
            {/* biome-ignore lint/a11y/useValidAriaRole: `role` is a prop of our Tensors row (input or output), not an ARIA role */}
            <Tensors role="output" tensors={report.outputs} />
          </tbody>
        </table>
      </ScrollCard>
      <div className="zoo-card" data-testid="inspect-params" data-total={p.total} data-trainable={p.trainable ?? ''} data-non-trainable={p.nonTrainable ?? ''}>
        <h3>Parameters</h3>
        <p className="zoo-big" title={p.total.toLocaleString('en-US')}>
          {formatCount(p.total)}
        </p>
        {p.trainable !== null && p.nonTrainable !== null ? (
          <p>
            {p.trainable.toLocaleString('en-US')} trainable · {p.nonTrainable.toLocaleString('en-US')} non-trainable
          </p>
        ) : (
          <p className="muted">
            {report.format === 'onnx' || report.format === 'tflite'
              ? `${report.format} model: weights are stored in the file, no trainable split`
              : 'graph model: weights are frozen constants, no trainable split'}
          </p>
        )}
        {report.format !== 'onnx' && report.format !== 'tflite' && <p className="muted">{report.weightTensors} weight tensors</p>}
      </div>
      <div className="zoo-card" data-testid="inspect-size" data-disk-bytes={diskBytes ?? ''} data-memory-bytes={info.weightBytes}>
        <h3>Size</h3>
        <p>
          on disk <strong>{formatBytes(diskBytes)}</strong>
        </p>
        <p>
          weights in memory <strong>{formatBytes(info.weightBytes)}</strong>
        </p>
        <p className="muted">
          backend holds {formatBytes(report.memory.numBytes)} in {report.memory.numTensors} tensors
        </p>
      </div>
      <div className="zoo-card" data-testid="inspect-load" data-load-ms={info.loadMs} data-from-cache={String(info.fromCache)}>
        <h3>Load</h3>
        <p>
          <strong>{formatMs(info.loadMs)}</strong> {info.fromCache ? 'from the browser cache' : 'downloaded'}
        </p>
        <p className="muted">warm-up (weight upload, kernel compile) {formatMs(info.warmupMs)}</p>
      </div>
      <div
        className={`zoo-card ${check.passed ? 'zoo-pass' : 'zoo-fail'}`}
        data-testid="inspect-check"
        data-status={check.passed ? 'pass' : 'fail'}
        data-sum={check.probabilitySum}
      >
        <h3>Forward check: {check.passed ? 'pass' : 'fail'}</h3>
        <p>
          random image → output {formatShape(check.outputShape)}, {check.labelCount} labels, probabilities sum to {check.probabilitySum.toFixed(6)}
        </p>
        {check.problems.map((problem) => (
          <p key={problem} className="error">
            {problem}
          </p>
        ))}
      </div>
    </>
  );
}
