/**
 * The peer the benchmark measures the app against: @tensorflow-models/mobilenet, the package most
 * people reach for, running its own classify() in this same worker on the same backend. It is
 * imported on demand, so its code is a separate chunk that ordinary page loads never fetch.
 */
import type { PixelSource } from '@/engine/worker/preprocess';

export interface PeerClassifier {
  /** One image in, top-k out: the peer's whole pipeline, read-back included. */
  classify(pixels: PixelSource, k: number): Promise<unknown>;
  dispose(): void;
}

export async function loadPeer(modelUrl: string): Promise<PeerClassifier> {
  const mobilenet = await import('@tensorflow-models/mobilenet');
  // The TF-Hub MobileNetV1 0.25 graph expects pixels in [0, 1], as the package's own table says for
  // version 1 / alpha 0.25; with a modelUrl it would assume [-1, 1] unless told.
  const net = await mobilenet.load({ version: 1, alpha: 0.25, modelUrl, inputRange: [0, 1] });
  return {
    // classify() runs tf.browser.fromPixels on whatever it gets; an ImageBitmap works in a worker.
    classify: (pixels, k) => net.classify(pixels as ImageData, k),
    // The package has no dispose(); its graph model is the `model` field of the object it returns.
    dispose: () => (net as unknown as { model?: { dispose(): void } }).model?.dispose(),
  };
}
