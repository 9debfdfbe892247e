import { useStore } from '@/app/store';
import { formatBytes, formatShape } from '@/shared/format';
import { listSome } from '@/shared/models/modelSource';

/** lumen-model.json as installed by `npm run models` (or, for a user's model, what the page read). */
export function ModelMetadata() {
  const selected = useStore((s) => s.selectedModel);
  const meta = useStore((s) => (selected ? s.installed[selected] : null));
  const custom = useStore((s) => s.customModels.find((m) => m.id === selected));
  if (custom) {
    return (
      <div className="zoo-card" data-testid="inspect-metadata" data-kind="custom">
        <h3>Your model</h3>
        <p>
          {custom.source.kind === 'url' ? (
            <span className="mono">{custom.source.url}</span>
          ) : (
            `dropped files: ${listSome(custom.spec.files?.map((f) => f.name) ?? [])}`
          )}
        </p>
        <p className="muted">
          {custom.facts.format} model · input {custom.settings.inputSize.join('×')} · {custom.settings.preprocessing} preprocessing
          {custom.spec.centerCrop ? (
            <span data-testid="inspect-center-crop">
              {' '}
              (shorter side to {custom.spec.centerCrop.shortestEdge}, then the centre {custom.settings.inputSize.join('×')})
            </span>
          ) : (
            ' (resized straight to the input)'
          )}{' '}
          · {custom.settings.output} · {custom.settings.classes} classes · labels: {custom.labelsName ?? 'ImageNet (Keras order)'}
        </p>
      </div>
    );
  }
  if (!meta) return null;
  return (
    <details className="zoo-card" data-testid="inspect-metadata" data-kind="installed" data-fetched-at={meta.fetchedAt ?? ''} open>
      <summary>
        <strong>lumen-model.json</strong>: {meta.name ?? selected} {meta.version && `v${meta.version}`}
        {meta.offline && ' (read from the browser cache: offline)'}
      </summary>
      <table className="zoo-table">
        <tbody>
          <tr>
            <td>fetched at</td>
            <td>{meta.fetchedAt ?? '—'}</td>
          </tr>
          <tr>
            <td>source</td>
            <td className="mono">{meta.source ? `${meta.source.kind}: ${meta.source.location ?? ''}` : '—'}</td>
          </tr>
          <tr>
            <td>shapes</td>
            <td className="mono">
              {formatShape(meta.inputShape)} → {formatShape(meta.outputShape)}
            </td>
          </tr>
          <tr>
            <td>classes</td>
            <td>
              {meta.classes ?? '—'} ({meta.labelOrder ?? 'keras'} order)
            </td>
          </tr>
          <tr>
            <td>preprocessing</td>
            <td>
              {meta.preprocessing ?? '—'} · output {meta.output ?? '—'}
            </td>
          </tr>
          <tr>
            <td>total size</td>
            <td>{formatBytes(meta.totalBytes)}</td>
          </tr>
        </tbody>
      </table>
      {meta.files && (
        <details>
          <summary>{meta.files.length} files with sha256</summary>
          <table className="zoo-table">
            <tbody>
              {meta.files.map((f) => (
                <tr key={f.path}>
                  <td className="mono">{f.path}</td>
                  <td>{formatBytes(f.size)}</td>
                  <td className="mono zoo-hash" title={f.sha256}>
                    {f.sha256}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </details>
  );
}
