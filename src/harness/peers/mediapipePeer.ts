/// <reference types="vite/client" />
/**
 * The MediaPipe peer for `npm run bench`: tasks-vision's ImageClassifier on the uint8 TFLite that
 * Lumen runs on LiteRT.js (mobilenet_v2_100_224_quant_tflite), its wasm files from the build, CPU
 * delegate (XNNPACK, as LiteRT's wasm). Its loader is a classic script that MediaPipe adds to the
 * page, so it runs on this page's thread (in a module worker it would need importScripts). Whether
 * the model runs there at all depends on its TFLite metadata; the bench says why when it does not.
 */
import loaderUrl from '../../../node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.js?url';
import binaryUrl from '../../../node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.wasm?url';
import type { PagePeer } from './transformersPeer';

export async function loadMediaPipePeer(modelUrl: URL, version: string): Promise<PagePeer> {
  const { ImageClassifier } = await import('@mediapipe/tasks-vision');
  const fileset = { wasmLoaderPath: new URL(loaderUrl, document.baseURI).href, wasmBinaryPath: new URL(binaryUrl, document.baseURI).href };
  const classifier = await ImageClassifier.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: modelUrl.href, delegate: 'CPU' },
    maxResults: 5,
    runningMode: 'IMAGE',
  });
  return {
    name: 'MediaPipe tasks-vision ImageClassifier',
    version,
    async classify(image) {
      // Decoding is part of the pipeline, as it is of Lumen's classify request.
      const bitmap = await createImageBitmap(image);
      try {
        const result = classifier.classify(bitmap);
        return (result.classifications[0]?.categories ?? []).map((c) => ({ label: c.categoryName || c.displayName || String(c.index), score: c.score }));
      } finally {
        bitmap.close();
      }
    },
    dispose: async () => classifier.close(),
  };
}
