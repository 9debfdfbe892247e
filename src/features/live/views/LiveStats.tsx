import { formatMs } from '@/shared/format';
import type { LiveState } from '@/features/live/client/liveSlice';

/** Frames per second, latency and dropped frames: the `data-fps` hook holds the measured rate. */
export function LiveStats({ live }: { live: LiveState }) {
  const fps = live.status === 'running' ? live.fps : 0;
  return (
    <dl className="live-stats" data-testid="live-stats" data-fps={fps.toFixed(2)} data-frames={live.frames} data-latency-ms={live.latencyMs?.toFixed(1) ?? ''}>
      <div>
        <dt>Frames per second</dt>
        <dd>{fps > 0 ? fps.toFixed(1) : '–'}</dd>
      </div>
      <div>
        <dt title="From capturing a frame to its answer on screen">Latency</dt>
        <dd>{live.latencyMs === null ? '–' : formatMs(live.latencyMs)}</dd>
      </div>
      <div>
        <dt title="The forward pass in the worker, until read-back">Model</dt>
        <dd>{live.inferMs === null ? '–' : formatMs(live.inferMs)}</dd>
      </div>
      <div>
        <dt title="Camera frames never sent because one was still in the model: dropped, not queued">Frames dropped</dt>
        <dd>
          {live.skipped} of {live.skipped + live.frames}
        </dd>
      </div>
    </dl>
  );
}
