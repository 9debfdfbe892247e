/**
 * `npm run bench`'s page peers beside @tensorflow-models/mobilenet: Transformers.js's
 * image-classification pipeline on hf_mobilenet_v2_100_224 (the same ONNX weights Lumen runs on
 * ONNX Runtime Web) and MediaPipe tasks-vision's ImageClassifier on mobilenet_v2_100_224_quant_tflite
 * (the TFLite Lumen runs on LiteRT.js), each raced against the app's classify request on the same
 * model and image (src/harness/peers/race.ts). ratios.appOverTransformersJs / appOverMediaPipe are
 * the app's p50 over the peer's: below 1, the app is faster.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import type { LumenHarness } from '../../src/harness/main';
import type { PagePeerName, PeerRaceResult } from '../../src/harness/peers/race';

export const PAGE_PEERS: readonly { peer: PagePeerName; model: string; pkg: string }[] = [
  { peer: 'transformers.js', model: 'hf_mobilenet_v2_100_224', pkg: '@huggingface/transformers' },
  { peer: 'mediapipe', model: 'mobilenet_v2_100_224_quant_tflite', pkg: '@mediapipe/tasks-vision' },
];

const versionOf = (pkg: string): string => {
  try {
    return String((JSON.parse(readFileSync(resolve(import.meta.dirname, '../../node_modules', pkg, 'package.json'), 'utf8')) as { version?: string }).version);
  } catch {
    return '?';
  }
};

export async function racePagePeers(page: Page, imageUrl: string, options: { warmup: number; runs: number }): Promise<PeerRaceResult[]> {
  const results: PeerRaceResult[] = [];
  for (const { peer, model, pkg } of PAGE_PEERS) {
    const version = versionOf(pkg);
    try {
      results.push(
        await page.evaluate(([p, m, url, o]) => (window as unknown as { lumenHarness: LumenHarness }).lumenHarness.race(p, m, url, o), [
          peer,
          model,
          imageUrl,
          { ...options, version },
        ] as const),
      );
    } catch (error) {
      // The app's side failed (the model is not installed here, say): the peer has no figure either.
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      results.push({
        peer,
        model,
        runtime: 'tfjs',
        backend: 'wasm',
        peerName: null,
        peerVersion: version,
        app: null,
        peerStats: null,
        appTop1: null,
        peerTop1: null,
        skipped: `could not run ${model}: ${why}`,
        appParts: null,
      });
    }
  }
  return results;
}

/** App p50 over the peer's, or null without both figures. */
export function appOverPagePeer(results: readonly PeerRaceResult[], peer: PagePeerName): number | null {
  const r = results.find((x) => x.peer === peer);
  return r?.app && r.peerStats ? r.app.p50 / r.peerStats.p50 : null;
}

export function formatPagePeers(results: readonly PeerRaceResult[]): string[] {
  return results.flatMap((r) => {
    const who = `${r.peerName ?? r.peer}${r.peerVersion ? ` ${r.peerVersion}` : ''}`;
    if (!r.app || !r.peerStats) return [`${who} on ${r.model}: no figure (${r.skipped ?? 'not run'})`];
    const ratio = r.app.p50 / r.peerStats.p50;
    return [
      `app/${r.peer} = ${ratio.toFixed(3)} on ${r.model} (${r.runtime}/${r.backend}, batch 1, median basis; target ≤ 1.0): app ${r.app.p50.toFixed(1)} ms, ${who} ${r.peerStats.p50.toFixed(1)} ms`,
      `  top-1: app "${r.appTop1 ?? '?'}", peer "${r.peerTop1 ?? '?'}"${
        r.appParts
          ? `; the app's request: decode ${r.appParts.decodeMs.toFixed(1)} ms, preprocess ${r.appParts.preprocessMs.toFixed(1)} ms, model + read-back ${r.appParts.modelMs.toFixed(1)} ms`
          : ''
      }`,
    ];
  });
}
