import { chooseCamera, pauseLive, resumeLive, snapshotLive, startLive, stopLive } from '@/features/live/client/liveActions';
import type { LiveState } from '@/features/live/client/liveSlice';

export function LiveControls({ live }: { live: LiveState }) {
  const on = live.status === 'running' || live.status === 'paused';
  return (
    <div className="live-controls">
      {live.status === 'idle' || live.status === 'starting' ? (
        <button type="button" className="primary" data-testid="live-start" disabled={live.status === 'starting'} onClick={() => void startLive()}>
          {live.status === 'starting' ? 'Starting the camera…' : 'Start camera'}
        </button>
      ) : (
        <button type="button" data-testid="live-stop" onClick={() => stopLive()}>
          Stop
        </button>
      )}
      <button
        type="button"
        data-testid="live-pause"
        disabled={!on}
        aria-pressed={live.status === 'paused'}
        onClick={() => (live.status === 'paused' ? resumeLive() : pauseLive())}
      >
        {live.status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        data-testid="live-snapshot"
        disabled={!on}
        onClick={() => void snapshotLive()}
        title="Freeze this frame into a result card on the Classify view"
      >
        Snapshot
      </button>
      {live.cameras.length > 1 && (
        <label className="live-camera">
          Camera{' '}
          <select data-testid="live-camera" value={live.cameraId ?? ''} onChange={(e) => chooseCamera(e.target.value || null)}>
            {live.cameras.map((c) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
