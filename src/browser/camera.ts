/**
 * The camera side of the Live view, in the browser: open a camera, list cameras, and capture the
 * video element's newest frame as a transferable VideoFrame (or ImageBitmap) without ever reading
 * its pixels on the main thread.
 */
import type { CapturedFrame } from '@/features/live/client/framePump';
import type { LiveFrame } from '@/features/live/shared/messages';
import type { CameraChoice } from '@/features/live/client/liveSlice';

export async function openCamera(deviceId: string | null): Promise<MediaStream> {
  const video: MediaTrackConstraints = deviceId
    ? { deviceId: { exact: deviceId } }
    : // 640×480 is plenty for a 224-pixel model, and keeps the capture cheap.
      { width: { ideal: 640 }, height: { ideal: 480 } };
  return navigator.mediaDevices.getUserMedia({ video, audio: false });
}

/** Video inputs; labels are empty until the person has allowed a camera once. */
export async function listCameras(): Promise<CameraChoice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export async function capture(video: HTMLVideoElement): Promise<LiveFrame> {
  // A VideoFrame wraps the decoder's buffer: no copy. Where WebCodecs is missing, an ImageBitmap
  // is a GPU-side copy, still never a JS pixel array.
  if (typeof VideoFrame === 'function') return new VideoFrame(video, { timestamp: Math.round(video.currentTime * 1e6) });
  return createImageBitmap(video);
}

export function release(frame: LiveFrame): void {
  frame.close();
}

/**
 * Captures the video's newest frame once it has one not yet captured: at once when the camera
 * showed a new frame while the previous one was in the model, else at its next frame. Frames the
 * camera showed in between are counted as skipped. Watches frames with requestVideoFrameCallback
 * (an animation frame stands in where that is missing). Resolves null once `signal` aborts.
 */
export function frameSource(video: HTMLVideoElement, signal: AbortSignal): () => Promise<CapturedFrame<LiveFrame> | null> {
  const watchesFrames = 'requestVideoFrameCallback' in video;
  let presented = 0;
  let captured = -1;
  let wake: (() => void) | null = null;
  const watch = (): void => {
    if (signal.aborted) return;
    const seen = (count: number): void => {
      presented = count;
      wake?.();
      wake = null;
      watch();
    };
    if (watchesFrames) video.requestVideoFrameCallback((_, meta) => seen(meta.presentedFrames));
    else requestAnimationFrame(() => seen(presented + 1));
  };
  watch();
  signal.addEventListener('abort', () => wake?.(), { once: true });
  const waitForNew = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  return async () => {
    if (presented === captured && !signal.aborted) await waitForNew();
    // A frame without data yet (a stream starting or switching): wait for the next, never end the loop over it.
    while (!signal.aborted && video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await waitForNew();
    if (signal.aborted) return null;
    const skipped = captured < 0 ? 0 : Math.max(0, presented - captured - 1);
    captured = presented;
    return { frame: await capture(video), skipped };
  };
}

/** The video's current frame as a PNG file, for a snapshot (a one-off copy, on request). */
export async function snapshotFile(video: HTMLVideoElement, name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0) throw new Error('The camera has no frame to take yet.');
  context.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The snapshot could not be encoded.');
  return new File([blob], name, { type: 'image/png' });
}
