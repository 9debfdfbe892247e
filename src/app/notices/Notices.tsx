import { useStore } from '@/app/store';
import { dismissNotice } from '@/app/store/engineEvents';
import type { NoticeKind } from '@/engine/shared/types';
import './engine.css';

const TITLE: Record<NoticeKind, string> = {
  'gpu-lost': 'GPU lost, recovered',
  'backend-fallback': 'Switched backend',
  'worker-restarted': 'Worker restarted',
  'model-evicted': 'Damaged model files replaced',
  'cache-unavailable': 'Not kept for offline use',
  'download-retry': 'Download retried',
  'batch-split': 'Batch split',
};

/** Recoveries the engine made, told plainly: what happened, what was done, how long it took. */
export function Notices() {
  const notices = useStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <li key={n.key} className={`notice notice-${n.kind}`} data-testid="notice" data-kind={n.kind} data-recovery-ms={n.recoveryMs ?? ''}>
          <strong>{TITLE[n.kind]}</strong> {n.message}
          {n.recoveryMs !== null && <span className="muted"> ({(n.recoveryMs / 1000).toFixed(1)} s)</span>}
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismissNotice(n.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
