import { useEffect } from 'react';
import { showView, useStore } from '@/app/store';
import { attachLiveVideo, refreshCameras, stopLive } from '@/features/live/client/liveActions';
import { LiveControls } from './LiveControls';
import { LivePredictions } from './LivePredictions';
import { LiveStats } from './LiveStats';
import './live.css';

/**
 * The camera, classified as it streams: frames go to the worker one at a time (the newest each
 * time), with the model and backend chosen above. Leaving the view stops the camera.
 */
export function LiveView() {
  const live = useStore((s) => s.live);
  useEffect(() => {
    void refreshCameras();
    const onChange = (): void => void refreshCameras();
    navigator.mediaDevices?.addEventListener('devicechange', onChange);
    return () => {
      navigator.mediaDevices?.removeEventListener('devicechange', onChange);
      stopLive(); // the camera light goes off with the view
      attachLiveVideo(null);
    };
  }, []);

  return (
    <section className="live" aria-label="Live camera" data-status={live.status}>
      <LiveControls live={live} />
      {live.problem && (
        <p className="error live-problem" role="alert" data-testid="live-problem" data-kind={live.problem.kind}>
          {live.problem.message}
        </p>
      )}
      <div className="live-body">
        <div className="live-video-wrap">
          <video ref={attachLiveVideo} className="live-video" muted playsInline aria-label="Camera picture" />
          {live.status === 'idle' && <p className="live-placeholder muted">Press Start camera. Frames are classified on this device; none leaves the page.</p>}
          {live.status === 'paused' && <span className="live-paused-badge">Paused</span>}
        </div>
        <div className="live-side">
          <LivePredictions predictions={live.predictions} />
          {live.frameError && (
            <p className="error" data-testid="live-frame-error">
              {live.frameError}
            </p>
          )}
          <LiveStats live={live} />
          {live.ranWith && <p className="muted">{live.ranWith}</p>}
          {live.lastSnapshot && (
            <p className="live-snapshot-note" data-testid="live-snapshot-note">
              {live.lastSnapshot} is on the Classify view.{' '}
              <button type="button" className="link" onClick={() => showView('classify')}>
                Open Classify
              </button>
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
