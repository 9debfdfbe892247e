import { useStore } from '@/app/store';
import { isEmulated } from './runsOn';

/** Names the backend that actually ran (not the one asked for); the reason is one hover away. */
export function BackendBadge() {
  const engine = useStore((s) => s.engine);
  const status = useStore((s) => s.engineStatus);
  const emulated = engine ? isEmulated(engine) : false;
  return (
    <span className={`badge badge-${engine?.backend ?? status}`} title={engine?.reason ?? ''}>
      <span className="badge-label">backend</span>
      <span data-testid="backend">{engine?.backend ?? (status === 'error' ? 'none' : '…')}</span>
      {engine && (engine.backend === 'webgpu' || engine.backend === 'webgl') && emulated && <span className="badge-note">emulated</span>}
    </span>
  );
}
