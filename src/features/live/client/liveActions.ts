/**
 * Live view actions: start the camera, run the frame loop (./framePump.ts) against the worker,
 * pause, stop, choose a camera, and freeze a frame into a Classify card. The camera stream and the
 * loop live here, outside React, so a re-render never restarts them.
 */
import { useStore } from '@/app/store/index';
import { IDLE_LIVE, type LiveState } from './liveSlice';
import { selectedSpec } from '@/app/store/modelRegistry';
import { classifyFiles, whenModelChosen } from '@/features/classify/client/classifyActions';
import { getEngine } from '@/engine/client';
import { LumenError } from '@/shared/errors';
import { startPump, type Pump } from './framePump';
import { createRateMeter } from './rateMeter';
import { CAMERA_UNPLUGGED, cameraProblem, cameraUnavailable, type CameraProblem } from './cameraProblems';
import { frameSource, listCameras, openCamera, release, snapshotFile } from '@/browser/camera';
import type { LiveFrame } from '@/features/live/shared/messages';

/** This many failed frames in a row stop the loop: something is wrong beyond one frame. */
const MAX_FAILED_FRAMES = 3;

let video: HTMLVideoElement | null = null;
let pump: Pump | null = null;
let abort: AbortController | null = null;
/** Bumped by every start and stop: a start that finishes after a newer stop or start gives up. */
let generation = 0;
const meter = createRateMeter(2000);

const patch = (changes: Partial<LiveState>): void => useStore.setState((s) => ({ live: { ...s.live, ...changes } }));
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The view's <video> element; frames are captured from it. */
export function attachLiveVideo(element: HTMLVideoElement | null): void {
  video = element;
}

function endStream(): void {
  abort?.abort();
  abort = null;
  pump?.stop();
  pump = null;
  const { stream } = useStore.getState().live;
  for (const track of stream?.getTracks() ?? []) track.stop();
  if (video) video.srcObject = null;
  meter.reset();
}

export function stopLive(problem: CameraProblem | null = null): void {
  generation += 1;
  endStream();
  const { cameras, cameraId, lastSnapshot } = useStore.getState().live;
  useStore.setState({ live: { ...IDLE_LIVE, cameras, cameraId, lastSnapshot, problem } });
}

export async function startLive(): Promise<void> {
  const unavailable = cameraUnavailable({ isSecureContext: window.isSecureContext, hasMediaDevices: Boolean(navigator.mediaDevices?.getUserMedia) });
  if (unavailable) return void patch({ problem: unavailable });
  const target = video;
  if (!target) return;
  stopLive();
  const mine = generation;
  patch({ status: 'starting', problem: null });
  let stream: MediaStream;
  try {
    stream = await openCamera(useStore.getState().live.cameraId);
  } catch (error) {
    if (mine === generation) stopLive(cameraProblem(error));
    return;
  }
  if (mine !== generation) return void stream.getTracks().forEach((t) => t.stop());
  for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => mine === generation && stopLive(CAMERA_UNPLUGGED));
  patch({ stream });
  target.srcObject = stream;
  try {
    await target.play();
  } catch (error) {
    if (mine === generation) stopLive(cameraProblem(error));
    return;
  }
  if (mine !== generation) return;
  const active = stream.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  patch({ status: 'running', cameras: await listCameras().catch(() => []), cameraId: active });
  runLoop(target, mine);
}

function runLoop(target: HTMLVideoElement, mine: number): void {
  abort = new AbortController();
  let failedInARow = 0;
  pump = startPump<LiveFrame>({
    nextFrame: frameSource(target, abort.signal),
    release,
    now: () => performance.now(),
    classify: async (frame) => {
      await whenModelChosen(); // Start pressed right after load: the first frame waits for the start-up model
      const spec = selectedSpec();
      if (!spec) {
        frame.close();
        throw new LumenError('bad-request', 'Choose a model first.');
      }
      const { k, engine } = useStore.getState();
      const result = await getEngine().liveFrame({ model: spec, frame, k }, { transfer: [frame] });
      patch({ ranWith: `${spec.name} on ${engine?.backend ?? 'the automatic backend'}` });
      return result;
    },
    onResult: (result, stats) => {
      failedInARow = 0;
      const now = performance.now();
      meter.tick(now);
      const { frames, skipped } = useStore.getState().live;
      patch({
        predictions: result.predictions,
        fps: meter.rate(now),
        latencyMs: stats.latencyMs,
        inferMs: result.inferMs,
        frames: frames + 1,
        skipped: skipped + stats.skipped,
        frameSize: { width: result.width, height: result.height },
        frameError: null,
      });
    },
    onError: (error) => {
      failedInARow += 1;
      patch({ frameError: message(error) });
      return failedInARow >= MAX_FAILED_FRAMES ? 'stop' : 'continue';
    },
    onEnd: () => {
      if (mine !== generation) return;
      const { frameError } = useStore.getState().live;
      stopLive(frameError ? { kind: 'other', message: `Live stopped after ${MAX_FAILED_FRAMES} failed frames in a row: ${frameError}` } : null);
    },
  });
}

export function pauseLive(): void {
  if (!pump || useStore.getState().live.status !== 'running') return;
  pump.pause();
  video?.pause();
  patch({ status: 'paused', fps: 0 });
}

export function resumeLive(): void {
  if (!pump || useStore.getState().live.status !== 'paused') return;
  meter.reset();
  void video?.play();
  pump.resume();
  patch({ status: 'running' });
}

export function chooseCamera(deviceId: string | null): void {
  patch({ cameraId: deviceId });
  if (useStore.getState().live.status !== 'idle') void startLive();
}

/** Refreshes the camera list (a camera plugged in or out). */
export async function refreshCameras(): Promise<void> {
  if (!navigator.mediaDevices?.enumerateDevices) return;
  patch({ cameras: await listCameras().catch(() => []) });
}

/** Freezes the frame on screen into a result card on the Classify view (classified there, explainable there). */
export async function snapshotLive(): Promise<void> {
  if (!video || useStore.getState().live.status === 'idle') return;
  const stamp = new Date().toISOString().slice(11, 19).replaceAll(':', '-');
  try {
    const file = await snapshotFile(video, `snapshot-${stamp}.png`);
    classifyFiles([file]);
    patch({ lastSnapshot: file.name });
  } catch (error) {
    patch({ frameError: message(error) });
  }
}
