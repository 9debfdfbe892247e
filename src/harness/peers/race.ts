/**
 * `npm run bench`'s page peers (Transformers.js, MediaPipe): the app's whole classify request for
 * one image (decode worker, preprocessing, the runtime, read-back, top-5) against the peer's whole
 * pipeline on the same image and the same weights, interleaved run by run after the same warm-up.
 * A peer that cannot load or run says why, and the race reports that instead of a figure.
 */
import { median, summarize, type LatencyStats } from '@/shared/stats';
import { runtimeOfFormat, type ModelSpec, type RuntimeName } from '@/engine/shared/types';
import type { LumenEngine } from '@/engine/shared/lumenEngine';
import { interleave } from './interleave';
import type { PagePeer } from './transformersPeer';

export type PagePeerName = 'transformers.js' | 'mediapipe';

export interface PeerRaceResult {
  peer: PagePeerName;
  model: string;
  runtime: RuntimeName;
  backend: string;
  /** The peer's own name and version, once loaded. */
  peerName: string | null;
  peerVersion: string | null;
  app: LatencyStats | null;
  peerStats: LatencyStats | null;
  /** Each side's top-1 label on the image, to see they did the same job. */
  appTop1: string | null;
  peerTop1: string | null;
  /** Why there is no figure (the peer could not load or run), or null. */
  skipped: string | null;
  /** Where the app's time went, medians over its runs (ms): decode worker, preprocessing, model through read-back. */
  appParts: { decodeMs: number; preprocessMs: number; modelMs: number } | null;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function racePeer(
  engine: LumenEngine,
  spec: ModelSpec,
  peerName: PagePeerName,
  loadPeer: () => Promise<PagePeer>,
  image: Blob,
  options: { warmup: number; runs: number },
): Promise<PeerRaceResult> {
  const info = await engine.init({ backend: 'wasm' });
  await engine.load({ model: spec });
  const result: PeerRaceResult = {
    peer: peerName,
    model: spec.id,
    runtime: runtimeOfFormat(spec.format),
    backend: info.backend,
    peerName: null,
    peerVersion: null,
    app: null,
    peerStats: null,
    appTop1: null,
    peerTop1: null,
    skipped: null,
    appParts: null,
  };
  let appTop1: string | null = null;
  const parts: { decodeMs: number[]; preprocessMs: number[]; modelMs: number[] } = { decodeMs: [], preprocessMs: [], modelMs: [] };
  const app = async (): Promise<void> => {
    const handle = engine.classify(
      { model: spec, k: 5, images: [{ name: 'bench.jpg', kind: 'blob', blob: image }], batchSize: 1 },
      {
        onEvent: (event) => {
          if (event.type !== 'item' || event.item.status !== 'ok') return;
          appTop1 = event.item.predictions[0]?.label ?? null;
          parts.decodeMs.push(event.item.decodeMs);
          parts.preprocessMs.push(event.item.preprocessMs);
          parts.modelMs.push(event.item.batchMs);
        },
      },
    );
    await handle.result;
  };
  let peer: PagePeer;
  try {
    peer = await loadPeer();
  } catch (error) {
    result.skipped = `${peerName} could not load ${spec.id}: ${message(error)}`;
    return result;
  }
  result.peerName = peer.name;
  result.peerVersion = peer.version;
  let peerTop1: string | null = null;
  const runPeer = async (): Promise<void> => {
    peerTop1 = (await peer.classify(image))[0]?.label ?? null;
  };
  try {
    const times = await interleave(app, runPeer, options);
    result.app = summarize(times.app);
    result.peerStats = summarize(times.peer);
  } catch (error) {
    result.skipped = `${peer.name} failed on ${spec.id}: ${message(error)}`;
  } finally {
    await peer.dispose().catch(() => undefined);
  }
  if (parts.modelMs.length > 0)
    result.appParts = { decodeMs: median(parts.decodeMs), preprocessMs: median(parts.preprocessMs), modelMs: median(parts.modelMs) };
  result.appTop1 = appTop1;
  result.peerTop1 = peerTop1;
  return result;
}
